import { afterEach, describe, expect, it } from "vitest";
import { ThreadStatus } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { startHarness, waitForThread, type Harness } from "./testing/harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.sandbox.close();
  h = undefined;
});

describe("live streams", () => {
  it("a client abort ends WatchThread and WatchStep without leaking listeners", async () => {
    h = await startHarness();
    const t = await h.client.createThread({ scriptName: "invoice-parser", inputJson: '{"invoice_id":"INV-5"}' });
    await waitForThread(h.client, t.threadId, (s) => s === ThreadStatus.PAUSED);
    const controller = new AbortController();
    const received: number[] = [];
    const watching = (async () => {
      try {
        for await (const m of h!.client.watchThread({ threadId: t.threadId }, { signal: controller.signal })) received.push(Number(m.sequence));
      } catch {
        // aborted
      }
    })();
    const stepping = (async () => {
      try {
        for await (const _ of h!.client.watchStep({ threadId: t.threadId, stepPath: "4" }, { signal: controller.signal })) void _;
      } catch {
        // aborted
      }
    })();
    await new Promise((r) => setTimeout(r, 200));
    expect(received.length).toBeGreaterThan(5);
    expect(h.sandbox.watcherCount?.()).toBe(2);
    controller.abort();
    await Promise.all([watching, stepping]);
    await new Promise((r) => setTimeout(r, 50));
    expect(h.sandbox.watcherCount?.()).toBe(0);
  });

  it("streams live events to a watcher that joined before they happened, in order, without duplicates", async () => {
    h = await startHarness({ speed: 20 });
    const t = await h.client.createThread({ scriptName: "flaky-report", inputJson: '{"page_size":"A4"}' });
    const seqs: number[] = [];
    for await (const m of h.client.watchThread({ threadId: t.threadId })) seqs.push(Number(m.sequence));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(h.sandbox.eventLog(t.threadId)?.map((m) => Number(m.sequence))).toEqual(seqs);
  });

  it("sustains a ticker at 200 values a second, forwarding each value live", async () => {
    h = await startHarness();
    const t = await h.client.createThread({ scriptName: "ticker", inputJson: '{"seconds": 1.5, "rate": 200}' });
    const lags: number[] = [];
    let yields = 0;
    for await (const m of h.client.watchThread({ threadId: t.threadId })) {
      if (m.event.case !== "valueYielded") continue;
      yields++;
      const v = JSON.parse(Buffer.from(m.event.value.value?.valueData ?? new Uint8Array()).toString()) as { emitted_at_ms: number };
      lags.push(Date.now() - v.emitted_at_ms);
    }
    expect(yields).toBe(300);
    lags.sort((a, b) => a - b);
    expect(lags[Math.floor(lags.length / 2)]).toBeLessThan(50);
    const r = await h.client.getThreadResult({ threadId: t.threadId });
    expect(r.totalYielded).toBe(300n);
    expect(r.yieldedValues).toHaveLength(300);
  });
});

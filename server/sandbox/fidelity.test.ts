import { Code, ConnectError } from "@connectrpc/connect";
import { afterEach, describe, expect, it } from "vitest";
import { StepStatus, ThreadStatus, type WatchStepResponse } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { ErrorInfoSchema } from "../../src/api/gen/google/rpc/error_details_pb.js";
import { collectWatch, startHarness, waitForThread, type Harness } from "./testing/harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.sandbox.close();
  h = undefined;
});

async function code(p: Promise<unknown>): Promise<Code | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return ConnectError.from(e).code;
  }
}

async function collectStep(harness: Harness, threadId: string, stepPath: string, timeoutMs = 10_000) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const out: WatchStepResponse[] = [];
  let closed = true;
  try {
    for await (const m of harness.client.watchStep({ threadId, stepPath }, { signal: controller.signal })) out.push(m);
  } catch (e) {
    if (!controller.signal.aborted) throw e;
    closed = false;
  } finally {
    clearTimeout(timer);
  }
  return { out, closed };
}

for (const fidelity of ["today", "complete"] as const) {
  describe(`fidelity ${fidelity}`, () => {
    it(`${fidelity === "today" ? "does not forward" : "forwards"} ThreadPaused; the watch of a paused thread stays open`, async () => {
      h = await startHarness({ fidelity });
      const t = await h.client.createThread({ scriptName: "invoice-parser", inputJson: '{"invoice_id":"INV-9"}' });
      await waitForThread(h.client, t.threadId, (s) => s === ThreadStatus.PAUSED);
      const w = await collectWatch(h.client, t.threadId, 400);
      expect(w.closed).toBe(false);
      const paused = w.messages.filter((m) => m.event.case === "threadPaused");
      expect(paused.length).toBe(fidelity === "today" ? 0 : 1);
      if (fidelity === "complete") {
        const e = paused[0]?.event;
        expect(e?.case === "threadPaused" && e.value.ask?.fields.length).toBe(4);
      }
      expect(h.sandbox.eventLog(t.threadId)?.length).toBe(w.messages.length);
    });

    it(`WatchStep ${fidelity === "today" ? "has no snapshot" : "starts with a snapshot"}, emits decision/done and closes`, async () => {
      h = await startHarness({ fidelity });
      const t = await h.client.createThread({ scriptName: "invoice-parser", inputJson: '{"invoice_id":"INV-10"}' });
      const live = collectStep(h, t.threadId, "2.1");
      const { out, closed } = await live;
      expect(closed).toBe(true);
      const cases = out.map((m) => m.event.case);
      if (fidelity === "complete") expect(cases[0]).toBe("snapshot");
      else expect(cases).not.toContain("snapshot");
      expect(cases.filter((c) => c === "decision").length).toBeGreaterThanOrEqual(4); // started + one per yielded line
      expect(cases.at(-1)).toBe("done");
      const done = out.at(-1)?.event;
      expect(done?.case === "done" && done.value.status).toBe(StepStatus.COMPLETED);
      // Replay of a finished step closes at once.
      const replay = await collectStep(h, t.threadId, "2.1");
      expect(replay.closed).toBe(true);
      if (fidelity === "complete") {
        // The snapshot covers every event so far: nothing of the finished step is replayed after it.
        expect(replay.out.map((m) => m.event.case)).toEqual(["snapshot"]);
      } else expect(replay.out.map((m) => m.event.case)).toEqual(cases);
      const replaySeqs = replay.out.map((m) => Number(m.sequence));
      expect(replaySeqs).toEqual([...replaySeqs].sort((a, b) => a - b));
      expect(await code(h.client.watchStep({ threadId: t.threadId, stepPath: "9.9" })[Symbol.asyncIterator]().next())).toBe(Code.NotFound);
    });

    it(`CancelThread and ListArtifacts ${fidelity === "today" ? "are UNIMPLEMENTED" : "work"}`, async () => {
      h = await startHarness({ fidelity });
      const t = await h.client.createThread({ scriptName: "invoice-parser", inputJson: '{"invoice_id":"INV-11"}' });
      if (fidelity === "today") {
        expect(await code(h.client.cancelThread({ threadId: t.threadId }))).toBe(Code.Unimplemented);
        expect(await code(h.client.listArtifacts({ threadId: t.threadId }))).toBe(Code.Unimplemented);
        return;
      }
      await waitForThread(h.client, t.threadId, (s) => s === ThreadStatus.RUNNING);
      const c = await h.client.cancelThread({ threadId: t.threadId, reason: "test" });
      expect(c.thread?.status).toBe(ThreadStatus.CANCELLED);
      const w = await collectWatch(h.client, t.threadId);
      expect(w.closed).toBe(true);
      expect(w.messages.at(-1)?.event.case).toBe("threadCancelled");
      await new Promise((r) => setTimeout(r, 100));
      expect((await h.client.getThread({ threadId: t.threadId })).status).toBe(ThreadStatus.CANCELLED);
      const again = await h.client.cancelThread({ threadId: t.threadId }).catch((e: unknown) => ConnectError.from(e));
      expect(again instanceof ConnectError && again.code).toBe(Code.FailedPrecondition);

      const b = await h.client.createThread({ scriptName: "big-export", inputJson: '{"mb":0.1}' });
      await waitForThread(h.client, b.threadId, (s) => s === ThreadStatus.COMPLETED);
      const arts = await h.client.listArtifacts({ threadId: b.threadId });
      expect(arts.artifacts.map((a) => a.name)).toEqual(["output.json", "summary.json"]);
      expect(arts.artifacts[0]?.downloadUrl).toBe(`/__sandbox/artifacts/${b.threadId}/output.json`);
      const chunks: Uint8Array[] = [];
      for await (const c of h.sandbox.readArtifact(b.threadId, "output.json") ?? []) chunks.push(c);
      const res = await h.client.getThreadResult({ threadId: b.threadId });
      expect(Buffer.concat(chunks).equals(Buffer.from(res.outputData))).toBe(true);
      expect(Number(arts.artifacts[0]?.sizeBytes)).toBe(res.outputData.length);
      expect(h.sandbox.readArtifact(b.threadId, "nope.json")).toBeUndefined();
    });

    it(`StreamStepResult chunks ${fidelity === "today" ? "outputs only" : "outputs and inputs"}`, async () => {
      h = await startHarness({ fidelity });
      const t = await h.client.createThread({ scriptName: "big-export", inputJson: '{"mb":0.5}' });
      await waitForThread(h.client, t.threadId, (s) => s === ThreadStatus.COMPLETED);
      const records: string[] = [];
      const fields = new Set<string>();
      const data: Buffer[] = [];
      let total = 0;
      for await (const m of h.client.streamStepResult({ threadId: t.threadId, maxChunkBytes: 65536n })) {
        records.push(m.record.case ?? "");
        if (m.record.case === "meta") expect(m.record.value.steps.map((s) => s.stepPath)).toEqual(["1", "2", "3"]);
        if (m.record.case === "chunk") {
          fields.add(m.record.value.field);
          if (m.record.value.stepPath === "2" && m.record.value.field === "output") {
            data.push(Buffer.from(m.record.value.data));
            total = Number(m.record.value.totalBytes);
          }
        }
      }
      expect(records.slice(0, 4)).toEqual(["meta", "step", "step", "step"]);
      // Step 3 (upload) has a large input: only complete fidelity chunks it.
      expect([...fields].sort()).toEqual(fidelity === "today" ? ["output"] : ["input", "output"]);
      expect(Buffer.concat(data).length).toBe(total);
      expect(() => JSON.parse(Buffer.concat(data).toString())).not.toThrow();
      const one: string[] = [];
      for await (const m of h.client.streamStepResult({ threadId: t.threadId, stepPath: "1" })) one.push(m.record.case ?? "");
      expect(one).toEqual(["meta", "step"]);
    });

    it(`ListThreads pages newest first; the last page of a filtered query ${fidelity === "today" ? "repeats its token" : 'ends with ""'}`, async () => {
      h = await startHarness({ fidelity, seedThreads: 60 });
      const ids: string[] = [];
      let token = "";
      for (let i = 0; i < 10; i++) {
        const page = await h.client.listThreads({ pageSize: 25, pageToken: token });
        ids.push(...page.threads.map((x) => x.threadId));
        token = page.nextPageToken;
        if (token === "") break;
      }
      expect(token).toBe("");
      expect(ids).toHaveLength(60);
      expect(new Set(ids).size).toBe(60);
      const first = await h.client.listThreads({ pageSize: 1000 });
      expect(first.threads.map((x) => x.threadId)).toEqual(ids);
      const times = first.threads.map((x) => Number(x.createdAtMs));
      expect(times).toEqual([...times].sort((a, b) => b - a));

      const p1 = await h.client.listThreads({ pageSize: 5, scriptNameFilter: "flaky-report" });
      expect(p1.threads.every((x) => x.scriptName === "flaky-report")).toBe(true);
      expect(p1.nextPageToken).not.toBe(""); // more than one page
      let tok = p1.nextPageToken;
      let last = p1;
      for (let i = 0; i < 20 && tok !== ""; i++) {
        last = await h.client.listThreads({ pageSize: 5, scriptNameFilter: "flaky-report", pageToken: tok });
        if (last.nextPageToken === tok) break;
        tok = last.nextPageToken;
      }
      if (fidelity === "today") expect(last.nextPageToken).toBe(tok);
      else expect(last.nextPageToken).toBe("");
      expect(await code(h.client.listThreads({ statusFilter: 42 as ThreadStatus }))).toBe(Code.InvalidArgument);
      expect(await code(h.client.listThreads({ pageToken: "garbage!" }))).toBe(Code.InvalidArgument);
      const failed = await h.client.listThreads({ statusFilter: ThreadStatus.FAILED, pageSize: 1000 });
      expect(failed.threads.length).toBeGreaterThan(0);
      expect(failed.threads.every((x) => x.status === ThreadStatus.FAILED)).toBe(true);
    });
  });
}

describe("resume refusals carry ErrorInfo", () => {
  it("THREAD_NOT_PAUSED for a completed thread", async () => {
    h = await startHarness();
    const t = await h.client.createThread({ scriptName: "ticker", inputJson: '{"seconds":0.1,"rate":10}' });
    await waitForThread(h.client, t.threadId, (s) => s === ThreadStatus.COMPLETED);
    const e = await h.client.resumeThread({ threadId: t.threadId }).catch((x: unknown) => ConnectError.from(x));
    expect(e instanceof ConnectError && e.findDetails(ErrorInfoSchema)[0]?.reason).toBe("THREAD_NOT_PAUSED");
  });
});

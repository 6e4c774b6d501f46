// @vitest-environment node
import { afterEach, describe, expect, it } from "vitest";
import { SaveCancelled } from "./byteSinkTypes";
import { contentDisposition, portSink, type PortSink } from "./streamDownloadPort";

interface FakeWorker {
  chunks: Uint8Array[];
  ended: boolean;
  aborted: boolean;
  granted: number;
  pull(): void;
  say(message: unknown): void;
}

const open: MessagePort[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

/** A sink on a real MessageChannel, with the worker's side driven by the test. */
function setup(chunkBytes = 4): { sink: PortSink; worker: FakeWorker } {
  const channel = new MessageChannel();
  open.push(channel.port1, channel.port2);
  const worker: FakeWorker = {
    chunks: [],
    ended: false,
    aborted: false,
    granted: 0,
    pull() {
      worker.granted += 1;
      channel.port2.postMessage({ type: "pull" });
    },
    say: (m) => channel.port2.postMessage(m),
  };
  channel.port2.onmessage = (event: MessageEvent) => {
    const m = event.data as { type: string; buffer?: ArrayBuffer };
    if (m.type === "chunk" && m.buffer !== undefined) worker.chunks.push(new Uint8Array(m.buffer));
    if (m.type === "end") {
      worker.ended = true;
      channel.port2.postMessage({ type: "closed" });
    }
    if (m.type === "abort") worker.aborted = true;
  };
  return { sink: portSink(channel.port1 as unknown as MessagePort, { chunkBytes }), worker };
}

const tick = () => new Promise((r) => setTimeout(r, 10));

describe("portSink", () => {
  it("sends a chunk only against a pull: never more in flight than credits granted", async () => {
    const { sink, worker } = setup(4);
    let done = false;
    const writing = sink.write(new Uint8Array(40).map((_, i) => i)).then(() => (done = true));
    await tick();
    expect(worker.chunks).toHaveLength(0);
    for (let i = 1; i <= 3; i++) {
      worker.pull();
      await tick();
      expect(worker.chunks).toHaveLength(i);
      expect(worker.chunks.length).toBeLessThanOrEqual(worker.granted);
    }
    expect(done).toBe(false);
    while (!done) {
      worker.pull();
      await tick();
      expect(worker.chunks.length).toBeLessThanOrEqual(worker.granted);
    }
    await writing;
    expect(worker.chunks).toHaveLength(10);
    expect(Array.from(worker.chunks.flatMap((c) => Array.from(c)))).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it("coalesces small writes and sends the rest on close, then ends", async () => {
    const { sink, worker } = setup(8);
    await sink.write(new Uint8Array([1, 2, 3]));
    await sink.write(new Uint8Array([4, 5]));
    expect(worker.chunks).toHaveLength(0);
    const closing = sink.close();
    worker.pull();
    await closing;
    expect(worker.chunks.map((c) => Array.from(c))).toEqual([[1, 2, 3, 4, 5]]);
    expect(worker.ended).toBe(true);
  });

  it("never detaches the caller's buffer (chunks are copies)", async () => {
    const { sink, worker } = setup(4);
    const mine = new Uint8Array([9, 9, 9, 9, 9]);
    worker.pull();
    await tick();
    await sink.write(mine);
    expect(mine.byteLength).toBe(5);
    await tick();
    expect(worker.chunks).toHaveLength(1);
  });

  it("abort tells the worker and fails what waits for credit", async () => {
    const { sink, worker } = setup(2);
    const writing = sink.write(new Uint8Array(10));
    await tick();
    await sink.abort();
    await expect(writing).rejects.toBeInstanceOf(SaveCancelled);
    await tick();
    expect(worker.aborted).toBe(true);
    await expect(sink.write(new Uint8Array(1))).rejects.toBeInstanceOf(SaveCancelled);
  });

  it("a download cancelled in the browser ends the writes with SaveCancelled", async () => {
    const { sink, worker } = setup(2);
    const writing = sink.write(new Uint8Array(10));
    worker.say({ type: "cancelled" });
    await expect(writing).rejects.toBeInstanceOf(SaveCancelled);
  });

  it("a worker error fails the writes with its message", async () => {
    const { sink, worker } = setup(2);
    const writing = sink.write(new Uint8Array(10));
    worker.say({ type: "error", message: "the download never started" });
    await expect(writing).rejects.toThrow("the download never started");
  });
});

describe("contentDisposition", () => {
  it("keeps plain names and encodes the exact name as filename*", () => {
    expect(contentDisposition("thr_1-output.json")).toBe(`attachment; filename="thr_1-output.json"; filename*=UTF-8''thr_1-output.json`);
    expect(contentDisposition("résumé (1).zip")).toBe(`attachment; filename="r_sum___1_.zip"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%281%29.zip`);
  });
  it("never lets a name add a header or break out of the quotes", () => {
    for (const evil of ['a"; filename=x.exe', "a\r\nSet-Cookie: x=1", "a\nb", "it's*", "\ud800.json", "../../etc/passwd"]) {
      const value = contentDisposition(evil);
      expect(value).toMatch(/^[\x20-\x7e]+$/);
      expect(value).toMatch(/^attachment; filename="[A-Za-z0-9._-]+"; filename\*=UTF-8''[A-Za-z0-9._~!%-]+$/);
    }
  });
});

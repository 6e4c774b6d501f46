// The JS heap of a page through CDP, split the way a heap snapshot splits it: compiled code
// (bytecode, optimized machine code and their metadata, which grows while V8 warms up) and the
// objects the page keeps (everything else: JS objects, arrays, strings, closures, …).
// Used by scenario 7 (churn): a leak keeps objects; JIT warm-up only adds code.
import type { CDPSession } from "@playwright/test";

export interface HeapFigures {
  /** Performance.getMetrics JSHeapUsedSize after two full GCs (the whole V8 heap in use). */
  usedSize: number;
  /** Heap snapshot: self sizes of the nodes of type "code". */
  code: number;
  /** Heap snapshot: self sizes of JS values (objects, arrays, strings, closures, numbers, …):
   *  neither compiled code nor native (DOM, C++) nor synthetic nodes. */
  objects: number;
  /** Heap snapshot: node count. */
  nodes: number;
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
}

async function collectGarbage(cdp: CDPSession): Promise<void> {
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("HeapProfiler.collectGarbage");
}

/** Takes a heap snapshot of the page and sums it by node type. */
export async function takeHeapSnapshot(cdp: CDPSession): Promise<Snapshot> {
  const chunks: string[] = [];
  const onChunk = (event: { chunk: string }): void => {
    chunks.push(event.chunk);
  };
  cdp.on("HeapProfiler.addHeapSnapshotChunk", onChunk);
  try {
    await cdp.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
  } finally {
    cdp.off("HeapProfiler.addHeapSnapshotChunk", onChunk);
  }
  return JSON.parse(chunks.join("")) as Snapshot;
}

export function sumByType(snapshot: Snapshot): Map<string, number> {
  const fields = snapshot.snapshot.meta.node_fields;
  const typeNames = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf("type");
  const sizeAt = fields.indexOf("self_size");
  const sums = new Map<string, number>();
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const type = typeNames[snapshot.nodes[i + typeAt] ?? 0] ?? "?";
    sums.set(type, (sums.get(type) ?? 0) + (snapshot.nodes[i + sizeAt] ?? 0));
  }
  return sums;
}

/** The page's heap after two full GCs: JSHeapUsedSize, and a snapshot's code and objects. */
export async function measureHeap(cdp: CDPSession): Promise<HeapFigures> {
  await cdp.send("Performance.enable");
  await collectGarbage(cdp);
  const { metrics } = await cdp.send("Performance.getMetrics");
  const usedSize = metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? Number.NaN;
  const snapshot = await takeHeapSnapshot(cdp);
  const sums = sumByType(snapshot);
  let objects = 0;
  for (const [type, size] of sums) if (type !== "code" && type !== "native" && type !== "synthetic") objects += size;
  return { usedSize, code: sums.get("code") ?? 0, objects, nodes: snapshot.nodes.length / snapshot.snapshot.meta.node_fields.length };
}

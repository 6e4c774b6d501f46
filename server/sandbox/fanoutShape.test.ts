// fanout's "wide" shape (one node holding all the other steps: the 10,000-children node the
// bench expands) and the validation of its inputs.
import { Code, ConnectError } from "@connectrpc/connect";
import { afterEach, describe, expect, it } from "vitest";
import { StepStatus, ThreadStatus } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { findScript, parseThreadInput } from "./scripts/catalog.js";
import { wideTree } from "./scripts/fanout.js";
import { ancestorsOf, indexOf, isGroup, lastDescendant, levelOf, nodeAt, pathOf } from "./scripts/fanoutTree.js";
import { compareStepPaths } from "./stepPath.js";
import { startHarness, waitForThread, type Harness } from "./testing/harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.sandbox.close();
  h = undefined;
});

describe("fanout wide tree", () => {
  it("is step 1 with every other step as its child, and index ⇄ path round-trips", () => {
    const t = wideTree(10_001);
    const paths = Array.from({ length: t.n }, (_, i) => pathOf(t, i));
    expect(paths.slice(0, 3)).toEqual(["1", "1.0", "1.1"]);
    expect(paths.at(-1)).toBe("1.9999");
    expect(new Set(paths).size).toBe(10_001);
    expect([...paths].sort(compareStepPaths)).toEqual(paths);
    paths.forEach((p, i) => expect(indexOf(t, p)).toBe(i));
    expect(isGroup(t, 0)).toBe(true);
    expect(lastDescendant(t, 0)).toBe(10_000);
    expect(levelOf(t, 5)).toBe(1);
    expect(ancestorsOf(t, 5)).toEqual([0]);
    expect(nodeAt(t, 10_000)).toEqual({ path: "1.9999", level: 1, last: 10_000 });
    expect(indexOf(t, "2")).toBeUndefined();
    expect(indexOf(t, "1.10000")).toBeUndefined();
    expect(indexOf(t, "1.0.0")).toBeUndefined();
  });

  it("degenerates to a single step", () => {
    const t = wideTree(1);
    expect(pathOf(t, 0)).toBe("1");
    expect(indexOf(t, "1")).toBe(0);
    expect(indexOf(t, "1.0")).toBeUndefined();
    expect(isGroup(t, 0)).toBe(false);
  });
});

describe("fanout input", () => {
  const script = findScript("fanout");
  if (script === undefined) throw new Error("no fanout script");
  const parse = (input: unknown) => parseThreadInput(script, JSON.stringify(input));

  it("accepts the two shapes, and a fail_at inside the wide node", () => {
    expect(parse({ steps: 10_001, shape: "wide" }).ok).toBe(true);
    expect(parse({ steps: 100, shape: "nested", depth: 2 }).ok).toBe(true);
    expect(parse({ steps: 10_001, shape: "wide", fail_at: "1.9999" }).ok).toBe(true);
  });

  it("rejects an unknown shape, a depth with the wide shape, and a fail_at outside the wide node", () => {
    const fields = (input: unknown) => {
      const r = parse(input);
      return r.ok ? [] : "violations" in r ? r.violations.map((v) => v.field) : ["malformed"];
    };
    expect(fields({ steps: 10, shape: "flat" })).toEqual(["shape"]);
    expect(fields({ steps: 10, shape: "wide", depth: 3 })).toEqual(["depth"]);
    expect(fields({ steps: 10, shape: "wide", fail_at: "2" })).toEqual(["fail_at"]);
    expect(fields({ steps: 10, shape: "wide", fail_at: "1.9" })).toEqual(["fail_at"]);
  });
});

describe("fanout wide thread", () => {
  it("lists one node with 10,000 children, all completed", async () => {
    h = await startHarness({ speed: 10 });
    const created = await h.client.createThread({ scriptName: "fanout", inputJson: '{"steps": 10001, "shape": "wide"}' });
    const t = await waitForThread(h.client, created.threadId, (s) => s === ThreadStatus.COMPLETED, 30_000);
    expect(t.totalSteps).toBe(10_001);
    let paths: string[] = [];
    let statuses: StepStatus[] = [];
    for await (const res of h.client.streamStepResult({ threadId: t.threadId })) {
      if (res.record.case !== "meta") continue;
      paths = res.record.value.steps.map((s) => s.stepPath);
      statuses = res.record.value.steps.map((s) => s.status);
      break;
    }
    expect(paths).toHaveLength(10_001);
    expect(paths[0]).toBe("1");
    expect(paths.filter((p) => /^1\.\d+$/.test(p))).toHaveLength(10_000);
    expect(statuses.every((s) => s === StepStatus.COMPLETED)).toBe(true);
    const output = JSON.parse(Buffer.from((await h.client.getThreadResult({ threadId: t.threadId })).outputData).toString()) as unknown;
    expect(output).toMatchObject({ steps: 10_001, shape: "wide", depth: 2, branching: 10_000 });
  });

  it("is refused with a depth", async () => {
    h = await startHarness();
    const bad = await h.client
      .createThread({ scriptName: "fanout", inputJson: '{"steps": 10001, "shape": "wide", "depth": 2}' })
      .catch((e: unknown) => ConnectError.from(e));
    expect(bad instanceof ConnectError && bad.code).toBe(Code.InvalidArgument);
  });
});

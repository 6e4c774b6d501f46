import { describe, expect, it } from "vitest";
import { StepStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { appendColumns, columnsFromRecords } from "./stepColumns";
import { columnGet } from "./stringColumn";
import {
  FLAG_LEAF_FAILURE,
  FLAG_OK_SUBTREE,
  FLAG_SYNTHETIC,
  ancestorRows,
  buildStepTree,
  findRow,
  pathAt,
  pathKey,
  statusAt,
} from "./stepTree";
import { comparePaths } from "./stepPath";
import { rec, treeOf } from "./testTree";

const pathsOf = (t: ReturnType<typeof treeOf>) =>
  Array.from({ length: t.count }, (_, r) => pathAt(t, r));

describe("buildStepTree", () => {
  it("orders rows in pre-order with numeric segments (1.10 after 1.9)", () => {
    const t = treeOf("1.10", "2", "1.9", "1", "1.2", "1.2.0", "1.1");
    expect(pathsOf(t)).toEqual(["1", "1.1", "1.2", "1.2.0", "1.9", "1.10", "2"]);
    expect(Array.from(t.depth)).toEqual([0, 1, 1, 2, 1, 1, 0]);
    expect(Array.from(t.parent)).toEqual([-1, 0, 0, 2, 0, 0, -1]);
    expect(Array.from(t.subtreeEnd)).toEqual([6, 2, 4, 4, 5, 6, 7]);
  });

  it("keeps each row's values with its path after reordering", () => {
    const t = buildStepTree(
      columnsFromRecords([
        rec("2", StepStatus.FAILED, { name: "second", attempt: 3 }),
        rec("1", StepStatus.COMPLETED, { name: "first" }),
      ]),
    );
    expect(columnGet(t.cols.name, t.src[0] as number)).toBe("first");
    expect(columnGet(t.cols.name, t.src[1] as number)).toBe("second");
    expect(t.cols.attempt[t.src[1] as number]).toBe(3);
    expect(statusAt(t, 1)).toBe(StepStatus.FAILED);
  });

  it("makes up missing ancestors so a deep step still has its parents", () => {
    const t = treeOf("1.5.3:fail", "1:ok");
    expect(pathsOf(t)).toEqual(["1", "1.5", "1.5.3"]);
    expect((t.flags[1] as number) & FLAG_SYNTHETIC).toBe(FLAG_SYNTHETIC);
    expect((t.flags[0] as number) & FLAG_SYNTHETIC).toBe(0);
  });

  it("hides a made-up ancestor with the successful branch under it", () => {
    const t = treeOf("1.2.1:ok", "1.2.2:ok");
    expect(pathsOf(t)).toEqual(["1", "1.2", "1.2.1", "1.2.2"]);
    expect((t.flags[0] as number) & FLAG_OK_SUBTREE).toBe(FLAG_OK_SUBTREE);
  });

  it("merges rows added after a previous build without re-sorting them all", () => {
    const first = treeOf("1", "1.1", "1.3");
    const more = buildStepTree(
      appendColumns(first.cols, columnsFromRecords([rec("1.2", StepStatus.RUNNING), rec("1.10", StepStatus.FAILED)])),
      first.src,
    );
    expect(pathsOf(more)).toEqual(["1", "1.1", "1.2", "1.3", "1.10"]);
    expect(statusAt(more, 4)).toBe(StepStatus.FAILED);
  });

  it("lets a reported step replace the ancestor made up for it", () => {
    const first = treeOf("1.5.3:fail");
    const more = buildStepTree(appendColumns(first.cols, columnsFromRecords([rec("1.5", StepStatus.FAILED, { name: "real" })])), first.src);
    expect(pathsOf(more)).toEqual(["1", "1.5", "1.5.3"]);
    expect((more.flags[1] as number) & FLAG_SYNTHETIC).toBe(0);
    expect(columnGet(more.cols.name, more.src[1] as number)).toBe("real");
  });

  it("keeps the last record of a duplicated path", () => {
    const t = treeOf("1:run", "1:ok");
    expect(t.count).toBe(1);
    expect(statusAt(t, 0)).toBe(StepStatus.COMPLETED);
  });

  it("flags successful subtrees and root-cause failures", () => {
    const t = treeOf("1:fail", "1.1:ok", "1.2:fail", "1.2.1:fail", "2:ok", "2.1:ok", "3:ok", "3.1:run");
    const row = (p: string) => findRow(t, p);
    expect((t.flags[row("2")] as number) & FLAG_OK_SUBTREE).toBe(FLAG_OK_SUBTREE);
    expect((t.flags[row("1.1")] as number) & FLAG_OK_SUBTREE).toBe(FLAG_OK_SUBTREE);
    expect((t.flags[row("3")] as number) & FLAG_OK_SUBTREE).toBe(0);
    expect(Array.from(t.leafFailures).map((r) => pathAt(t, r))).toEqual(["1.2.1"]);
    expect((t.flags[row("1")] as number) & FLAG_LEAF_FAILURE).toBe(0);
  });

  it("finds rows by path with a binary search, and -1 for unknown paths", () => {
    const t = treeOf("1", "1.1", "1.2", "1.10", "1.9", "2", "10");
    for (const p of ["1", "1.1", "1.2", "1.9", "1.10", "2", "10"]) expect(pathAt(t, findRow(t, p))).toBe(p);
    expect(findRow(t, "1.3")).toBe(-1);
    expect(findRow(t, "3")).toBe(-1);
    expect(ancestorRows(t, findRow(t, "1.10")).map((r) => pathAt(t, r))).toEqual(["1"]);
  });

  it("builds 100,000 steps in a fraction of a second", () => {
    const records = [];
    for (let a = 1; a <= 100; a++) {
      records.push(rec(`${a}`, StepStatus.COMPLETED));
      for (let b = 0; b < 999; b++) records.push(rec(`${a}.${b}`, StepStatus.COMPLETED));
    }
    records.reverse();
    const cols = columnsFromRecords(records);
    const t0 = performance.now();
    const t = buildStepTree(cols);
    const ms = performance.now() - t0;
    expect(t.count).toBe(100_000);
    expect(pathAt(t, 1)).toBe("1.0");
    expect(pathAt(t, 1000)).toBe("2");
    expect(ms).toBeLessThan(2000);
  });
});

describe("pathKey", () => {
  it("orders like comparePaths whenever two keys differ", () => {
    const paths = ["1", "1.0", "1.2", "1.10", "1.9.9", "2", "2.0.0.1", "10", "0", "1.2.3.4", "131070", "05", "a", "1.a"];
    for (const a of paths) {
      for (const b of paths) {
        const ka = pathKey(a);
        const kb = pathKey(b);
        if (Number.isNaN(ka) || Number.isNaN(kb) || ka === kb) continue;
        expect(Math.sign(ka - kb), `${a} vs ${b}`).toBe(Math.sign(comparePaths(a, b)));
      }
    }
    expect(pathKey("05")).toBeNaN();
    expect(pathKey("1.a")).toBeNaN();
  });
});

import { describe, expect, it } from "vitest";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
import { StepResultMetaSchema, StepStatus, StepSummarySchema, type StepSummary } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { allRecords, columnsFromSummaries } from "./stepColumns";
import { SummaryColumnsBuilder, WireCursor, WireFormatError } from "./summaryWire";

const summaries: StepSummary[] = [
  create(StepSummarySchema, {
    stepPath: "1",
    name: "fetch",
    primitive: "tool",
    tool: "http.get",
    status: StepStatus.COMPLETED,
    attempt: 2,
    startedAtMs: 1_700_000_000_123n,
    finishedAtMs: 1_700_000_000_456n,
    durationMs: 333n,
  }),
  create(StepSummarySchema, { stepPath: "1.10", name: "ünïcode ✓ 😀", status: StepStatus.FAILED, error: "boom\nline 2" }),
  create(StepSummarySchema, { stepPath: "1.2" }),
  create(StepSummarySchema, { stepPath: "2", name: "a\u0000b", attempt: -1, startedAtMs: -5n, durationMs: 2n ** 40n }),
  create(StepSummarySchema, { stepPath: "3", name: "x".repeat(20_000), status: 99 as StepStatus }),
];

/** Decodes every StepResultMeta.steps entry of the bytes with the builder. */
function decodeAll(bytes: Uint8Array): SummaryColumnsBuilder {
  const b = new SummaryColumnsBuilder();
  const c = new WireCursor(bytes, 0, bytes.length);
  while (c.pos < bytes.length) {
    const tag = c.uint32();
    if (tag >>> 3 === StepResultMetaSchema.field.steps.number) {
      const start = c.lengthDelimited();
      b.add(bytes, start, c.pos);
    } else c.skip(tag & 7);
  }
  return b;
}

describe("SummaryColumnsBuilder", () => {
  it("decodes summaries from wire bytes exactly as fromBinary and columnsFromSummaries do", () => {
    const bytes = toBinary(StepResultMetaSchema, create(StepResultMetaSchema, { threadId: "thr_1", steps: summaries, totalSteps: 5n }));
    const expected = columnsFromSummaries(fromBinary(StepResultMetaSchema, bytes).steps);
    const got = decodeAll(bytes).columns();
    expect(got.count).toBe(5);
    expect(allRecords(got)).toEqual(allRecords(expected));
    expect(got.path).toEqual(expected.path);
    expect(got.name).toEqual(expected.name);
    expect(got.origin).toEqual(expected.origin);
  });

  it("skips unknown fields, lets a repeated field's last value win, and accepts any field order", () => {
    const w = new BinaryWriter();
    w.tag(StepSummarySchema.field.name.number, WireType.LengthDelimited).string("first");
    w.tag(99, WireType.LengthDelimited).string("unknown");
    w.tag(98, WireType.Bit64).fixed64(7n);
    w.tag(97, WireType.Bit32).fixed32(7);
    w.tag(96, WireType.Varint).int64(-1n);
    w.tag(StepSummarySchema.field.status.number, WireType.Varint).int32(StepStatus.RUNNING);
    w.tag(StepSummarySchema.field.stepPath.number, WireType.LengthDelimited).string("4.2");
    w.tag(StepSummarySchema.field.name.number, WireType.LengthDelimited).string("second");
    const bytes = w.finish();
    const b = new SummaryColumnsBuilder();
    b.add(bytes, 0, bytes.length);
    expect(allRecords(b.columns())).toEqual(allRecords(columnsFromSummaries([fromBinary(StepSummarySchema, bytes)])));
    expect(allRecords(b.columns())[0]).toMatchObject({ path: "4.2", name: "second", status: StepStatus.RUNNING });
  });

  it("grows past its first capacity and gives columns that later additions do not change", () => {
    const one = toBinary(StepSummarySchema, create(StepSummarySchema, { stepPath: "1", name: "n", startedAtMs: 5n }));
    const b = new SummaryColumnsBuilder();
    for (let i = 0; i < 3000; i++) b.add(one, 0, one.length);
    const snapshot = b.columns();
    b.add(one, 0, one.length);
    expect(snapshot.count).toBe(3000);
    expect(snapshot.startedAt[2999]).toBe(5);
    expect(b.columns().count).toBe(3001);
  });

  it("rejects truncated and malformed bytes", () => {
    const bytes = toBinary(StepSummarySchema, summaries[0] as StepSummary);
    expect(() => new SummaryColumnsBuilder().add(bytes, 0, bytes.length - 1)).toThrow(WireFormatError);
    const badWire = new Uint8Array([(5 << 3) | 7, 0]);
    expect(() => new SummaryColumnsBuilder().add(badWire, 0, badWire.length)).toThrow(WireFormatError);
    const fieldZero = new Uint8Array([0, 0]);
    expect(() => new SummaryColumnsBuilder().add(fieldZero, 0, fieldZero.length)).toThrow(WireFormatError);
    const overlong = new Uint8Array([(6 << 3) | 0, ...new Array<number>(10).fill(0xff), 1]);
    expect(() => new SummaryColumnsBuilder().add(overlong, 0, overlong.length)).toThrow(WireFormatError);
  });
});

describe("WireCursor", () => {
  it("reads int64 varints as numbers, negative ones included", () => {
    for (const v of [0n, 1n, 127n, 128n, 2n ** 31n, 2n ** 32n + 5n, 1_700_000_000_123n, 2n ** 53n - 1n, -1n, -1_700_000_000_123n]) {
      const bytes = new BinaryWriter().int64(v).finish();
      const c = new WireCursor(bytes, 0, bytes.length);
      expect(c.int64()).toBe(Number(v));
      expect(c.pos).toBe(bytes.length);
    }
  });

  it("reads int32 varints, sign-extended to 10 bytes when negative", () => {
    for (const v of [0, 1, 300, 2 ** 31 - 1, -1, -300, -(2 ** 31)]) {
      const bytes = new BinaryWriter().int32(v).finish();
      const c = new WireCursor(bytes, 0, bytes.length);
      expect(c.uint32() | 0).toBe(v);
      expect(c.pos).toBe(bytes.length);
    }
  });
});

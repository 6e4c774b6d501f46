import { describe, expect, it } from "vitest";
import { create, toBinary } from "@bufbuild/protobuf";
import { StreamStepResultResponseSchema } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { MetaDecodePump } from "./metaDecodePump";
import { SLICE_STEPS, StepMetaTap } from "./stepMetaTap";

function metaEnvelope(n: number): Uint8Array {
  const steps = Array.from({ length: n }, (_, i) => ({ stepPath: `${i + 1}`, name: `s${i}` }));
  const message = toBinary(StreamStepResultResponseSchema, create(StreamStepResultResponseSchema, { record: { case: "meta", value: { steps } } }));
  const out = new Uint8Array(5 + message.length);
  new DataView(out.buffer).setUint32(1, message.length);
  out.set(message, 5);
  return out;
}

const turn = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("MetaDecodePump", () => {
  it("decodes what has arrived in slices after the bytes came, not during push", async () => {
    const bytes = metaEnvelope(SLICE_STEPS * 2 + 100);
    const slices: number[] = [];
    const tap = new StepMetaTap(() => slices.push(tap.steps.count));
    const pump = new MetaDecodePump(tap);
    tap.push(bytes.subarray(0, bytes.length - 10));
    pump.kick();
    expect(tap.steps.count).toBe(0);
    await turn();
    expect(slices.slice(0, 2)).toEqual([SLICE_STEPS, SLICE_STEPS * 2]);
    expect(tap.steps.count).toBe(SLICE_STEPS * 2 + 99); // the last summary is cut: it waits
    tap.push(bytes.subarray(bytes.length - 10));
    expect(tap.finish().cols.count).toBe(SLICE_STEPS * 2 + 100);
    pump.kick();
    await turn();
    pump.stop();
  });

  it("stops quietly on a malformed meta, which finish then reports", async () => {
    // A meta (field 1) whose one summary (field 2) claims 5 bytes where 2 are left.
    const meta = [0x12, 0x05, 0x0a, 0x01];
    const broken = new Uint8Array([0, 0, 0, 0, meta.length + 2, 0x0a, meta.length, ...meta]);
    const tap = new StepMetaTap();
    const pump = new MetaDecodePump(tap);
    tap.push(broken);
    pump.kick();
    await turn();
    expect(() => tap.finish()).toThrow(/invalid StepResultMeta/);
    pump.stop();
  });
});

// ListScripts, GetScript, ListScriptVersions over the demo catalog.
import { create } from "@bufbuild/protobuf";
import {
  ScriptSchema,
  ScriptStatus,
  ScriptVersionSchema,
  ScriptVersionStatus,
  type Script,
  type ScriptVersion,
} from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { toScriptContract } from "./contractTypes.js";
import type { ScriptDef } from "./scripts/scriptDef.js";

export function toScript(def: ScriptDef): Script {
  const first = def.versions[0];
  const last = def.versions[def.versions.length - 1];
  return create(ScriptSchema, {
    name: def.name,
    description: def.description,
    status: ScriptStatus.ACTIVE,
    activeVersion: def.activeVersion,
    latestVersion: last?.version ?? def.activeVersion,
    createdAtMs: BigInt(first?.createdAtMs ?? 0),
    updatedAtMs: BigInt(last?.createdAtMs ?? 0),
    contract: toScriptContract(def.contract),
  });
}

/** Newest version first; version 0 ("active") is a selector, never listed. */
export function toScriptVersions(def: ScriptDef): ScriptVersion[] {
  return [...def.versions].reverse().map((v) =>
    create(ScriptVersionSchema, {
      version: v.version,
      status: v.version === def.activeVersion ? ScriptVersionStatus.ACTIVE : ScriptVersionStatus.SUPERSEDED,
      createdAtMs: BigInt(v.createdAtMs),
      contract: toScriptContract(def.contract),
      notes: v.notes,
    }),
  );
}

/** Offset paging over a small list (tokens are the decimal offset). */
export function pageOf<T>(items: readonly T[], pageSize: number, token: string): { items: T[]; next: string } | undefined {
  const offset = token === "" ? 0 : Number(token);
  if (!Number.isInteger(offset) || offset < 0) return undefined;
  const size = pageSize <= 0 ? 50 : Math.min(1000, pageSize);
  const slice = items.slice(offset, offset + size);
  return { items: slice, next: offset + size < items.length ? String(offset + size) : "" };
}

// What a demo script is: its contract, its versions, and how it builds a thread's program.
import type { ContractDef } from "../contractTypes.js";
import type { StepInfo } from "../model.js";
import type { Program } from "../program.js";
import type { Violation } from "../validate.js";

export interface ScriptVersionDef {
  version: number;
  createdAtMs: number;
  notes: string;
}

export interface ScriptDef {
  name: string;
  description: string;
  contract: ContractDef;
  versions: ScriptVersionDef[];
  activeVersion: number;
  /** Checks beyond the contract's types (ranges, existing paths). */
  checkInput?(input: Record<string, unknown>): Violation[];
  build(threadId: string, input: Record<string, unknown>): Program;
  /** A valid answer to the script's ask, for seeded threads that were answered. */
  seedAnswer?(input: Record<string, unknown>): Record<string, unknown>;
}

const DAY = 86_400_000;
/** Fixed creation times, so responses do not change between runs. */
export const SCRIPTS_EPOCH_MS = Date.UTC(2026, 0, 5, 9, 0, 0);

export function versions(count: number, notes: readonly string[]): ScriptVersionDef[] {
  return Array.from({ length: count }, (_, i) => ({
    version: i + 1,
    createdAtMs: SCRIPTS_EPOCH_MS + i * 21 * DAY,
    notes: notes[i] ?? `version ${i + 1}`,
  }));
}

export function stepInfo(path: string, name: string, primitive: string, tool = ""): StepInfo {
  return { path, name, primitive, tool };
}

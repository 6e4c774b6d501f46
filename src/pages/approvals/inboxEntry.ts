// One waiting ask as the inbox shows it, and the inbox order: soonest expiry first, then the
// longest waiting. Pure.
import { waitingSinceMs, type LoadedAsk } from "../../api/asks/loadAsk";
import type { Thread } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { buildFormModel, summarizeFields } from "../../components/ask-form/formModel";

export type InboxEntry = {
  threadId: string;
  thread: Thread;
  /** "loading" until the ask is read; "error" when it could not be (the entry still shows). */
  askState: "loading" | "ready" | "error";
  loaded: LoadedAsk | null;
  prompt: string;
  fieldSummary: string;
  /** 0 = never expires (or not known yet). */
  expiresAtMs: number;
  waitingSinceMs: number;
  /** null when the ask does not limit attempts (or is not known yet). */
  attemptsLeft: number | null;
  maxAttempts: number;
};

export function toInboxEntry(thread: Thread, loaded: LoadedAsk | undefined, failed: boolean): InboxEntry {
  const ask = loaded?.ask ?? null;
  return {
    threadId: thread.threadId,
    thread,
    askState: loaded !== undefined ? "ready" : failed ? "error" : "loading",
    loaded: loaded ?? null,
    prompt: ask?.prompt ?? "",
    fieldSummary: ask === null ? "" : summarizeFields(buildFormModel(ask.fields, ask.enums)),
    expiresAtMs: ask === null ? 0 : Number(ask.expiresAtMs),
    waitingSinceMs: waitingSinceMs(thread, loaded?.step ?? null),
    attemptsLeft: ask === null || ask.maxAttempts <= 0 ? null : attemptsLeft(ask.attempt, ask.maxAttempts),
    maxAttempts: ask?.maxAttempts ?? 0,
  };
}

/** `attempt` is the 1-based attempt the next answer will be. */
export function attemptsLeft(attempt: number, maxAttempts: number): number {
  return Math.max(0, maxAttempts - Math.max(1, attempt) + 1);
}

export function compareEntries(a: InboxEntry, b: InboxEntry): number {
  const expiryA = a.expiresAtMs > 0 ? a.expiresAtMs : Number.POSITIVE_INFINITY;
  const expiryB = b.expiresAtMs > 0 ? b.expiresAtMs : Number.POSITIVE_INFINITY;
  if (expiryA !== expiryB) return expiryA < expiryB ? -1 : 1;
  const sinceA = a.waitingSinceMs > 0 ? a.waitingSinceMs : Number.POSITIVE_INFINITY;
  const sinceB = b.waitingSinceMs > 0 ? b.waitingSinceMs : Number.POSITIVE_INFINITY;
  if (sinceA !== sinceB) return sinceA < sinceB ? -1 : 1;
  return a.threadId < b.threadId ? -1 : a.threadId > b.threadId ? 1 : 0;
}

export function sortEntries(entries: readonly InboxEntry[]): InboxEntry[] {
  return [...entries].sort(compareEntries);
}

/** "4m 05s", "1h 02m", "2d 03h"; "expired" at or below zero. */
export function formatCountdown(remainingMs: number): string {
  if (remainingMs <= 0) return "expired";
  const seconds = Math.ceil(remainingMs / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, "0")}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, "0")}m`;
  return `${Math.floor(hours / 24)}d ${String(hours % 24).padStart(2, "0")}h`;
}

export function approvalsTitle(count: number): string {
  return count > 0 ? `(${count}) Approvals · Scriptum Console` : "Approvals · Scriptum Console";
}

// The history filters live in the URL (?status=failed&script=invoice-parser) so a link
// reproduces the view. Invalid values are dropped with a notice, never a crash. Pure.
import type { ThreadStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { filterableStatuses, parseThreadStatusName, threadStatusName } from "./threadStatus";

export interface HistoryFilters {
  readonly status: ThreadStatus | undefined;
  readonly script: string | undefined;
}

export interface ParsedHistoryFilters {
  readonly filters: HistoryFilters;
  /** Human-readable notices about values of the URL that were ignored. */
  readonly notices: readonly string[];
}

export const maxScriptNameLength = 200;
// eslint-disable-next-line no-control-regex
const controlChars = /[\u0000-\u001f\u007f]/;

function shown(value: string): string {
  const oneLine = value.replace(/\s+/g, " ");
  return oneLine.length > 40 ? `${oneLine.slice(0, 39)}…` : oneLine;
}

export function parseHistoryFilters(params: URLSearchParams): ParsedHistoryFilters {
  const notices: string[] = [];
  let status: ThreadStatus | undefined;
  let script: string | undefined;

  const statusValues = params.getAll("status").filter((v) => v !== "");
  const rawStatus = statusValues[0];
  if (rawStatus !== undefined) {
    status = parseThreadStatusName(rawStatus.toLowerCase());
    if (status === undefined) {
      const known = filterableStatuses.map(threadStatusName).join(", ");
      notices.push(`Unknown status "${shown(rawStatus)}" in the link: showing every status. Known: ${known}.`);
    }
  }
  if (statusValues.length > 1) notices.push("The link names several statuses: only the first one is used.");

  const rawScript = params.get("script");
  if (rawScript !== null && rawScript.trim() !== "") {
    const trimmed = rawScript.trim();
    if (trimmed.length > maxScriptNameLength || controlChars.test(trimmed)) {
      notices.push(`The script name in the link is not valid ("${shown(trimmed)}"): showing every script.`);
    } else {
      script = trimmed;
    }
  }
  return { filters: { status, script }, notices };
}

/** The URL query of a filter set, for paths.threads(). */
export function filtersToQuery(filters: HistoryFilters): { status?: string; script?: string } {
  return {
    status: filters.status === undefined ? undefined : threadStatusName(filters.status),
    script: filters.script,
  };
}

// Pure helpers of the connection form: the draft the user edits, whether it differs from what is
// saved, and how a test result is worded.
import { Code } from "@connectrpc/connect";
import type { HealthResult } from "../../api/health";
import type { ConnectionSettings, SettingsState } from "../../hooks/settingsStore";

export type ConnectionDraft = ConnectionSettings;

export type DraftField = keyof ConnectionDraft;

export function draftFromSettings(state: SettingsState): ConnectionDraft {
  return {
    endpoint: state.endpoint,
    protocol: state.protocol,
    orgId: state.orgId,
    orgName: state.orgName,
    token: state.token,
    rememberToken: state.rememberToken,
  };
}

/** The draft as it may be kept when the gateway holds the credentials: no identity of its own. */
export function withoutHeldCredentials(draft: ConnectionDraft): ConnectionDraft {
  return { ...draft, orgId: "", orgName: "", token: "", rememberToken: false };
}

export function isDraftDirty(draft: ConnectionDraft, saved: ConnectionDraft): boolean {
  return (Object.keys(draft) as DraftField[]).some((key) => draft[key] !== saved[key]);
}

/** "Connected — server version 1.4.2 (12 ms)". */
export function healthSummary(result: HealthResult): string {
  const version = result.version === "" ? "unknown" : result.version;
  return `Connected — server version ${version} (${result.elapsedMs} ms)`;
}

/** What to check when the test fails with this code and message. */
export function connectionHint(code: Code | undefined, message = ""): string | null {
  const httpStatus = /^HTTP (\d{3})\b/.exec(message)?.[1];
  switch (code) {
    case Code.Unauthenticated:
      return "The server wants a valid token: check the token field.";
    case Code.PermissionDenied:
      return "The token was accepted but has no access here: check the organization id.";
    case Code.Unimplemented:
    case Code.NotFound:
      return NOT_SCRIPTUM;
    case Code.Unknown:
      if (httpStatus !== undefined) return `The endpoint answered HTTP ${httpStatus}. ${NOT_SCRIPTUM}`;
      return UNREACHABLE;
    case Code.Unavailable:
      return UNREACHABLE;
    case Code.DeadlineExceeded:
      return "No answer in time: the server or the network is slow or unreachable.";
    default:
      return null;
  }
}

const NOT_SCRIPTUM =
  "Something answered, but not a Scriptum service speaking this protocol: check the endpoint's path and the protocol (Connect or gRPC-Web).";

const UNREACHABLE =
  "The browser could not get an answer: check the endpoint, that the server is running, that it allows calls from this page's origin (CORS), and that this console's Content-Security-Policy allows connecting to it.";

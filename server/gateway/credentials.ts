// Gateway-held credentials from the command line: --token-file PATH (or the SCRIPTUM_TOKEN
// environment variable), --org-id, --org-name. The token is never taken from argv itself, where
// `ps` and shell history would show it.
import { readFileSync } from "node:fs";
import type { GatewayCredentials } from "./forward-headers";

export interface CredentialSources {
  tokenFile?: string | null;
  orgId?: string | null;
  orgName?: string | null;
  /** process.env, or a stand-in in tests. */
  env?: Readonly<Record<string, string | undefined>>;
  readFile?: (path: string) => string;
}

export type ResolvedCredentials =
  | { ok: true; credentials: GatewayCredentials | undefined }
  | { ok: false; message: string };

export const TOKEN_ENV = "SCRIPTUM_TOKEN";

export function resolveGatewayCredentials(sources: CredentialSources): ResolvedCredentials {
  const readFile = sources.readFile ?? ((path: string) => readFileSync(path, "utf8"));
  let token: string | undefined;
  if (sources.tokenFile !== undefined && sources.tokenFile !== null && sources.tokenFile !== "") {
    let text: string;
    try {
      text = readFile(sources.tokenFile);
    } catch (error) {
      const reason = error instanceof Error && "code" in error ? String(error.code) : "unreadable";
      return { ok: false, message: `--token-file ${sources.tokenFile}: cannot read it (${reason})` };
    }
    token = text.trim().replace(/^bearer\s+/i, "");
    if (token === "") return { ok: false, message: `--token-file ${sources.tokenFile} is empty` };
  } else {
    const fromEnv = sources.env?.[TOKEN_ENV]?.trim() ?? "";
    if (fromEnv !== "") token = fromEnv.replace(/^bearer\s+/i, "");
  }
  const orgId = sources.orgId?.trim() || undefined;
  const orgName = sources.orgName?.trim() || undefined;
  if (token === undefined && orgId === undefined && orgName === undefined) {
    return { ok: true, credentials: undefined };
  }
  return { ok: true, credentials: { token, orgId, orgName } };
}

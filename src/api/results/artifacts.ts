// ListArtifacts. UNIMPLEMENTED today: that is a state of the deployment, not an error.
import { Code } from "@connectrpc/connect";
import type { Artifact } from "../gen/dodil/scriptum/v1/scriptum_pb";
import type { ScriptumClient } from "../client";
import { hasCode } from "../errors";

export type ArtifactsResult = { kind: "listed"; artifacts: Artifact[] } | { kind: "unimplemented" };

export async function listArtifacts(client: ScriptumClient, threadId: string, signal?: AbortSignal): Promise<ArtifactsResult> {
  try {
    const res = await client.listArtifacts({ threadId }, signal ? { signal } : {});
    return { kind: "listed", artifacts: res.artifacts };
  } catch (err) {
    if (hasCode(err, Code.Unimplemented)) return { kind: "unimplemented" };
    throw err;
  }
}

/** Only http(s) links are ever opened; anything else (javascript:, data:…) is not a link. */
export function safeHttpUrl(raw: string): string | null {
  try {
    const u = new URL(raw);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

// Decides whether a call may go on, from its headers and the server's --require-* options.
import { Code } from "@connectrpc/connect";

export interface AuthRequirements {
  requireToken: string | null;
  requireOrg: string | null;
}

export interface AuthRefusal {
  code: Code.Unauthenticated | Code.PermissionDenied;
  message: string;
}

/** Methods that never need auth (the seeds: HealthCheck is the unauthenticated probe). */
export const PUBLIC_METHODS: ReadonlySet<string> = new Set(["HealthCheck"]);

/** null = allowed. */
export function checkAuth(
  methodName: string,
  headers: Headers,
  requirements: AuthRequirements,
): AuthRefusal | null {
  if (PUBLIC_METHODS.has(methodName)) return null;
  if (requirements.requireToken !== null) {
    const token = bearerToken(headers.get("authorization"));
    if (token === null) {
      return { code: Code.Unauthenticated, message: "missing authorization: Bearer <token>" };
    }
    if (!constantTimeEqual(token, requirements.requireToken)) {
      return { code: Code.Unauthenticated, message: "invalid token" };
    }
  }
  if (requirements.requireOrg !== null) {
    const org = headers.get("x-organization-id");
    if (org === null || org.trim() === "") {
      return { code: Code.PermissionDenied, message: "missing x-organization-id" };
    }
    if (org.trim() !== requirements.requireOrg) {
      return { code: Code.PermissionDenied, message: `no access to organization "${org.trim()}"` };
    }
  }
  return null;
}

/** The token of an `authorization: Bearer <token>` header; null when absent or another scheme. */
export function bearerToken(header: string | null): string | null {
  if (header === null) return null;
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  }
  return diff === 0;
}

// "Test connection": HealthCheck through a given transport, timed.
import type { Transport } from "@connectrpc/connect";
import { createScriptumClient } from "./client";

export interface HealthResult {
  status: string;
  version: string;
  elapsedMs: number;
}

export const HEALTH_TIMEOUT_MS = 10_000;

export async function checkHealth(
  transport: Transport,
  options: { signal?: AbortSignal; now?: () => number } = {},
): Promise<HealthResult> {
  const now = options.now ?? (() => performance.now());
  const client = createScriptumClient(transport);
  const started = now();
  const response = await client.healthCheck(
    {},
    { timeoutMs: HEALTH_TIMEOUT_MS, ...(options.signal ? { signal: options.signal } : {}) },
  );
  return {
    status: response.status,
    version: response.version,
    elapsedMs: Math.max(0, Math.round(now() - started)),
  };
}

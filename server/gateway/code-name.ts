// gRPC code names as logs, metrics and dashboards spell them: Code.NotFound → "NOT_FOUND".
import { Code } from "@connectrpc/connect";

export function grpcCodeName(code: Code | undefined): string {
  if (code === undefined) return "OK";
  if (code === Code.Canceled) return "CANCELLED";
  const name = Code[code] as string | undefined;
  if (name === undefined) return `CODE_${String(code)}`;
  return name.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
}

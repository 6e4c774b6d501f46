import type { Protocol } from "../../api/transport";

export interface ConnectionLabel {
  /** "This server" or the endpoint's host, with the protocol when it is not the default. */
  target: string;
  org: string;
  /** Everything, for a tooltip. */
  detail: string;
}

export function connectionLabel(settings: {
  endpoint: string;
  protocol: Protocol;
  orgId: string;
  orgName: string;
}): ConnectionLabel {
  const host = hostOf(settings.endpoint);
  const protocol = settings.protocol === "grpc-web" ? "gRPC-Web" : "Connect";
  const target = `${host ?? "This server"}${settings.protocol === "grpc-web" ? " · gRPC-Web" : ""}`;
  const org = settings.orgName !== "" ? settings.orgName : settings.orgId;
  const where = settings.endpoint === "" ? "this console's own server" : settings.endpoint;
  const detail = `Calls go to ${where} over ${protocol}${org !== "" ? `, organization ${org}` : ""}. Change in Settings.`;
  return { target, org, detail };
}

function hostOf(endpoint: string): string | null {
  if (endpoint === "") return null;
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

// The --upstream value: where the real Scriptum's native gRPC listens. http:// means cleartext
// HTTP/2 (h2c, for a local or in-cluster Scriptum), https:// means TLS. A bare "host:port" — the
// form grpcurl and the seeds use, "rpc.dev.dodil.io:443" — is read as https://.

export type ParsedUpstream = { ok: true; url: string } | { ok: false; message: string };

export function parseUpstreamUrl(value: string): ParsedUpstream {
  const trimmed = value.trim();
  if (trimmed === "") return { ok: false, message: "--upstream needs a URL such as https://rpc.dev.dodil.io:443" };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: `--upstream "${value}" is not a URL` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, message: `--upstream must be http:// (cleartext HTTP/2) or https:// (TLS), got ${url.protocol}//` };
  }
  if (url.username !== "" || url.password !== "") {
    return { ok: false, message: "--upstream must not carry credentials; use --token-file or SCRIPTUM_TOKEN" };
  }
  if (url.search !== "" || url.hash !== "") {
    return { ok: false, message: "--upstream takes no query or fragment" };
  }
  const path = url.pathname.replace(/\/+$/, "");
  return { ok: true, url: `${url.protocol}//${url.host}${path}` };
}

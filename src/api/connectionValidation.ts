// Pure checks of what the user types into /settings. Invalid input is reported, never silently
// fixed or dropped: the settings form keeps what was typed and shows the message.

export type Validation = { ok: true; value: string } | { ok: false; message: string };

/**
 * An endpoint is empty (use the console's own origin) or an absolute http(s) URL without
 * credentials, query or fragment. A path prefix is allowed (a gateway mounted under /scriptum).
 * The normalized value has no trailing slash.
 */
export function validateEndpoint(raw: string): Validation {
  const trimmed = raw.trim();
  if (trimmed === "") return { ok: true, value: "" };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return {
      ok: false,
      message:
        "Not a URL. Enter a full address such as https://scriptum.example.com, or leave it empty to use this console's own server.",
    };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return {
      ok: false,
      message: `The endpoint must start with http:// or https:// (got ${url.protocol}//).`,
    };
  }
  if (url.username !== "" || url.password !== "") {
    return {
      ok: false,
      message: "Do not put credentials in the URL: use the token field, which is never part of a URL.",
    };
  }
  if (url.search !== "" || url.hash !== "") {
    return { ok: false, message: "The endpoint cannot have a query (?…) or a fragment (#…)." };
  }
  const path = url.pathname.replace(/\/+$/, "");
  return { ok: true, value: `${url.protocol}//${url.host}${path}` };
}

/**
 * The console's own page is https and the endpoint is http: the browser will block every call
 * (mixed content). Returned as a warning, since the user may be about to change the page's origin.
 */
export function mixedContentWarning(endpoint: string, pageProtocol: string): string | null {
  if (pageProtocol === "https:" && endpoint.startsWith("http://")) {
    return "This page is served over https, so the browser will block calls to an http:// endpoint.";
  }
  return null;
}

/**
 * gRPC metadata and fetch headers only carry visible ASCII. A value outside it would make every
 * call fail with an opaque TypeError in fetch, so it is refused in the form instead.
 */
export function validateHeaderValue(label: string, raw: string): Validation {
  const value = raw.trim();
  // Printable ASCII: space (0x20) to tilde (0x7e).
  if (!/^[\x20-\x7e]*$/.test(value)) {
    return {
      ok: false,
      message: `${label} can only contain visible ASCII characters (letters, digits, punctuation): headers cannot carry others.`,
    };
  }
  return { ok: true, value };
}

/** The base URL calls go to: the configured endpoint, or the page's own origin when empty. */
export function resolveBaseUrl(endpoint: string, pageOrigin: string): string {
  const validated = validateEndpoint(endpoint);
  if (validated.ok && validated.value !== "") return validated.value;
  return pageOrigin;
}

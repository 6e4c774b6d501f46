// Checks of the run options the service accepts but does not enforce today (seed 002): timeout
// ("5m", Go duration syntax) and callback_url (an http(s) URL). Pure.

/** Go's time.ParseDuration syntax, positive: "90s", "5m", "1h30m", "1.5h". */
const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

export function timeoutProblem(text: string): string | null {
  const value = text.trim();
  if (value === "") return null;
  if (!DURATION.test(value)) return 'Write a duration such as "30s", "5m" or "1h30m".';
  if (/^(0+(\.0+)?(ns|us|µs|ms|s|m|h))+$/.test(value)) return "The timeout must be longer than zero.";
  return null;
}

export function callbackUrlProblem(text: string): string | null {
  const value = text.trim();
  if (value === "") return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Write a full URL such as https://example.com/hooks/scriptum.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The callback URL must start with https:// or http://.";
  return null;
}

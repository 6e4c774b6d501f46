// Connect JSON calls to the sandbox from Node (thread creation and polling).
const service = "dodil.scriptum.v1.ScriptumService";

export async function rpc(base, method, body) {
  const response = await fetch(`${base}/${service}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

export async function createThread(base, scriptName, input) {
  const thread = await rpc(base, "CreateThread", { scriptName, inputJson: JSON.stringify(input) });
  return thread.threadId;
}

export const getThread = (base, threadId) => rpc(base, "GetThread", { threadId });

const terminal = /COMPLETED|SUCCEEDED|FAILED|CANCELLED|CANCELED/;

export async function waitTerminal(base, threadId, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const thread = await getThread(base, threadId);
    if (terminal.test(thread.status ?? "")) return thread;
    if (Date.now() > deadline) throw new Error(`thread ${threadId} still ${thread.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

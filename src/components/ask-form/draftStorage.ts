// Drafts of ask answers in sessionStorage, per thread + step + attempt, so that an answer being
// typed survives an error, a reload and navigating away and back. Storage may be unavailable
// (private mode, quota): then drafts live only as long as the form.

const PREFIX = "scriptum.askDraft.v1";

export type DraftAddress = { threadId: string; stepPath: string; attempt: number | string };

export function draftKey(address: DraftAddress): string {
  return JSON.stringify([PREFIX, address.threadId, address.stepPath, String(address.attempt)]);
}

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.sessionStorage;
  } catch {
    return null;
  }
}

/** The draft of this attempt, else of the latest earlier attempt (an answer rejected a moment ago). */
export function loadDraft(address: DraftAddress): unknown {
  const store = storage();
  if (store === null) return undefined;
  const attempts = typeof address.attempt === "number" ? range(address.attempt) : [address.attempt];
  for (const attempt of attempts) {
    const text = safeGet(store, draftKey({ ...address, attempt }));
    if (text === null) continue;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function saveDraft(address: DraftAddress, draft: unknown): void {
  const store = storage();
  if (store === null) return;
  try {
    store.setItem(draftKey(address), JSON.stringify(draft));
  } catch {
    // Quota or privacy mode: the draft stays in memory only.
  }
}

/** Removes every draft of this thread + step (all attempts): the answer went through. */
export function clearDrafts(threadId: string, stepPath: string): void {
  const store = storage();
  if (store === null) return;
  const prefix = JSON.stringify([PREFIX, threadId, stepPath]).slice(0, -1);
  try {
    const keys: string[] = [];
    for (let index = 0; index < store.length; index++) {
      const key = store.key(index);
      if (key !== null && key.startsWith(`${prefix},`)) keys.push(key);
    }
    for (const key of keys) store.removeItem(key);
  } catch {
    // Nothing to clean up when storage is unavailable.
  }
}

function range(attempt: number): number[] {
  const attempts: number[] = [];
  for (let value = attempt; value >= 0 && attempts.length < 20; value--) attempts.push(value);
  return attempts;
}

function safeGet(store: Storage, key: string): string | null {
  try {
    return store.getItem(key);
  } catch {
    return null;
  }
}

// Desktop notifications for new asks: offered by a button (permission is asked only on that
// click), then one notification per ask that appears after the page loaded; clicking it opens the
// ask. Asks already waiting when the page loaded are not announced.
import { useCallback, useEffect, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { paths } from "../routes";
import type { InboxEntry } from "../pages/approvals/inboxEntry";

export type NotificationPermissionState = NotificationPermission | "unsupported";

export type ApprovalsNotifications = {
  permission: NotificationPermissionState;
  /** Asks the browser for permission; call only from a click. */
  enable: () => void;
};

function currentPermission(): NotificationPermissionState {
  return typeof window !== "undefined" && "Notification" in window ? window.Notification.permission : "unsupported";
}

export function useApprovalsNotifications(entries: readonly InboxEntry[], loaded: boolean): ApprovalsNotifications {
  const navigate = useNavigate();
  const [permission, setPermission] = useState<NotificationPermissionState>(currentPermission);
  const known = useRef<Set<string> | null>(null);

  useEffect(() => {
    if (!loaded) return;
    if (known.current === null) {
      // The baseline: what waits already is not new.
      known.current = new Set(entries.map((entry) => entry.threadId));
      return;
    }
    for (const entry of entries) {
      if (known.current.has(entry.threadId) || entry.askState === "loading") continue;
      known.current.add(entry.threadId);
      if (permission !== "granted") continue;
      showNotification(entry, () => {
        window.focus();
        void navigate(paths.approval(entry.threadId));
      });
    }
  }, [entries, loaded, permission, navigate]);

  const enable = useCallback(() => {
    if (!("Notification" in window)) return;
    void window.Notification.requestPermission().then(setPermission, () => setPermission(currentPermission()));
  }, []);

  return { permission, enable };
}

function showNotification(entry: InboxEntry, open: () => void): void {
  try {
    const notification = new window.Notification(`New ask: ${entry.thread.scriptName}`, {
      body: entry.prompt !== "" ? entry.prompt : `Thread ${entry.threadId} is waiting for input`,
      tag: `scriptum-ask-${entry.threadId}`,
    });
    notification.onclick = () => {
      open();
      notification.close();
    };
  } catch {
    // Some browsers allow notifications only from a service worker: the inbox still shows the ask.
  }
}

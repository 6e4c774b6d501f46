import { useState } from "react";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { thread } from "../api/asks/testing/fakeScriptum";
import { NotificationsButton } from "../pages/approvals/NotificationsButton";
import { toInboxEntry, type InboxEntry } from "../pages/approvals/inboxEntry";
import { useApprovalsNotifications } from "./useApprovalsNotifications";

class FakeNotification {
  static permission: NotificationPermission = "default";
  static requests = 0;
  static shown: FakeNotification[] = [];
  static requestPermission(): Promise<NotificationPermission> {
    FakeNotification.requests += 1;
    FakeNotification.permission = "granted";
    return Promise.resolve("granted");
  }
  onclick: (() => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }
  close() {
    this.closed = true;
  }
}

const original = (window as { Notification?: unknown }).Notification;
beforeEach(() => {
  FakeNotification.permission = "default";
  FakeNotification.requests = 0;
  FakeNotification.shown = [];
  (window as { Notification?: unknown }).Notification = FakeNotification;
});
afterEach(() => {
  (window as { Notification?: unknown }).Notification = original;
});

function entry(id: string): InboxEntry {
  return toInboxEntry(thread({ threadId: id }), undefined, true);
}

function Harness({ entries }: { entries: InboxEntry[] }) {
  const notifications = useApprovalsNotifications(entries, true);
  return <NotificationsButton notifications={notifications} />;
}

function Stateful({ initial }: { initial: InboxEntry[] }) {
  const [entries, set] = useState(initial);
  return (
    <>
      <Harness entries={entries} />
      <button type="button" onClick={() => set([...entries.filter((e) => e.threadId !== "b"), entry("b")])}>
        ask b
      </button>
    </>
  );
}

function renderHarness(initial: InboxEntry[]) {
  const router = createMemoryRouter(
    [
      { path: "/approvals", element: <Stateful initial={initial} /> },
      { path: "/approvals/:id", element: <p>opened</p> },
    ],
    { initialEntries: ["/approvals"] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

describe("useApprovalsNotifications", () => {
  it("asks permission only on the click, then notifies each new ask once, and the click opens it", async () => {
    const user = userEvent.setup();
    const router = renderHarness([entry("a")]);
    expect(FakeNotification.requests).toBe(0);
    await user.click(screen.getByRole("button", { name: "Notify me of new asks" }));
    expect(FakeNotification.requests).toBe(1);
    expect(await screen.findByText(/Desktop notifications on/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "ask b" }));
    await user.click(screen.getByRole("button", { name: "ask b" }));
    expect(FakeNotification.shown.map((n) => n.title)).toEqual(["New ask: invoice-parser"]);
    expect(FakeNotification.shown[0]?.options.body).toBe("Thread b is waiting for input");
    act(() => FakeNotification.shown[0]?.onclick?.());
    expect(router.state.location.pathname).toBe("/approvals/b");
    expect(FakeNotification.shown[0]?.closed).toBe(true);
  });

  it("does not announce asks that were waiting when the page loaded", () => {
    FakeNotification.permission = "granted";
    renderHarness([entry("a"), entry("b")]);
    expect(FakeNotification.shown).toEqual([]);
  });
});

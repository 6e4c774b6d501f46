// "(3) Approvals · Scriptum Console": the tab shows how many asks wait. Set after the layout's own
// title (a passive effect runs after its layout effect), again whenever the route changes.
import { useEffect } from "react";
import { approvalsTitle } from "../pages/approvals/inboxEntry";

export function useApprovalsTitle(count: number | null, routeKey: string): void {
  useEffect(() => {
    if (count === null) return;
    document.title = approvalsTitle(count);
  }, [count, routeKey]);
}

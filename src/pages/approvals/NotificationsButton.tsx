import type { ApprovalsNotifications } from "../../hooks/useApprovalsNotifications";

export function NotificationsButton({ notifications }: { notifications: ApprovalsNotifications }) {
  switch (notifications.permission) {
    case "unsupported":
      return null;
    case "granted":
      return <span className="subtle">Desktop notifications on for new asks</span>;
    case "denied":
      return <span className="subtle">Desktop notifications are blocked in this browser</span>;
    case "default":
      return (
        <button type="button" className="btn" onClick={notifications.enable}>
          Notify me of new asks
        </button>
      );
  }
}

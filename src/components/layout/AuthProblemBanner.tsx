// The one prompt shown while the service refuses the credentials (UNAUTHENTICATED or
// PERMISSION_DENIED), on every page, the live thread view included: what the service said, where
// to fix it, and "Try again" (a fresh start of the connection, e.g. after fixing the token
// elsewhere). While it shows, the call gate sends nothing (api/callGate.ts).
import { Link, useLocation } from "react-router";
import { useCallGate } from "../../api/callGateContext";
import { describeError } from "../../api/errors";
import { paths } from "../../routes";
import { useAuthProblem } from "./useAuthProblem";

export function AuthProblemBanner() {
  const error = useAuthProblem();
  const { startOver } = useCallGate();
  const { pathname } = useLocation();
  if (error === null) return null;
  const { codeName, message } = describeError(error);
  const onSettings = pathname === paths.settings();
  return (
    <div className="banner banner--danger" role="alert">
      <strong>The server refused the credentials.</strong>{" "}
      <code>{codeName}</code> {message}{" "}
      {onSettings ? (
        <span>Check the token and organization below, then save.</span>
      ) : (
        <Link to={paths.settings()}>Fix the connection in Settings</Link>
      )}{" "}
      <button type="button" className="btn btn--small" onClick={startOver}>
        Try again
      </button>
    </div>
  );
}

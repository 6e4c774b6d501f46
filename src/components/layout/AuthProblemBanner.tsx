import { Link, useLocation } from "react-router";
import { describeError } from "../../api/errors";
import { paths } from "../../routes";
import { useAuthProblem } from "./useAuthProblem";
import { usePauseRefreshWhileRefused } from "./usePauseRefreshWhileRefused";

export function AuthProblemBanner() {
  const error = useAuthProblem();
  const { pathname } = useLocation();
  usePauseRefreshWhileRefused(error !== null);
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
      )}
    </div>
  );
}

// Where the console's calls go, always visible in the header; links to /settings.
import { Link } from "react-router";
import { useSettings } from "../../hooks/settingsStore";
import { paths } from "../../routes";
import { connectionLabel } from "./connectionLabel";

export function ConnectionChip() {
  const endpoint = useSettings((state) => state.endpoint);
  const protocol = useSettings((state) => state.protocol);
  const orgId = useSettings((state) => state.orgId);
  const orgName = useSettings((state) => state.orgName);
  const label = connectionLabel({ endpoint, protocol, orgId, orgName });
  return (
    <Link className="connection-chip" to={paths.settings()} title={label.detail}>
      <span className="visually-hidden">Connection: </span>
      <span className="connection-chip__target">{label.target}</span>
      {label.org !== "" ? <span className="connection-chip__org">{label.org}</span> : null}
    </Link>
  );
}

// The version: "Active" (0, the service picks the active version) or a pinned version.
import { ScriptVersionStatus, type ScriptVersion } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { unknownFromWire } from "../../assertNever";
import { FieldError } from "./FieldError";
import { TOP_FIELD_IDS } from "./domIds";

export interface VersionSelectProps {
  version: number;
  versions: readonly ScriptVersion[] | undefined;
  activeVersion: number | undefined;
  onChange: (version: number) => void;
  errors: readonly string[] | undefined;
  disabled: boolean;
}

export function VersionSelect(props: VersionSelectProps) {
  const id = TOP_FIELD_IDS.version;
  const listed = (props.versions ?? []).map((version) => version.version);
  const invalid = (props.errors?.length ?? 0) > 0;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        Version
      </label>
      <select
        id={id}
        className="select new-thread__narrow"
        value={String(props.version)}
        disabled={props.disabled}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-error` : `${id}-hint`}
        onChange={(event) => props.onChange(Number(event.target.value))}
      >
        <option value="0">
          Active{props.activeVersion !== undefined && props.activeVersion > 0 ? ` (currently v${props.activeVersion})` : ""}
        </option>
        {props.version !== 0 && !listed.includes(props.version) ? (
          <option value={String(props.version)}>v{props.version}</option>
        ) : null}
        {(props.versions ?? []).map((version) => (
          <option key={version.version} value={String(version.version)}>
            v{version.version} — {statusLabel(version.status)}
            {version.notes !== "" ? ` — ${version.notes}` : ""}
          </option>
        ))}
      </select>
      <p className="field__hint" id={`${id}-hint`}>
        &ldquo;Active&rdquo; sends version 0: the service runs whichever version is active when the thread starts.
      </p>
      <FieldError id={`${id}-error`} messages={props.errors} />
    </div>
  );
}

function statusLabel(status: ScriptVersionStatus): string {
  switch (status) {
    case ScriptVersionStatus.ACTIVE:
      return "active";
    case ScriptVersionStatus.SUPERSEDED:
      return "superseded";
    case ScriptVersionStatus.UNSPECIFIED:
      return "status unknown";
    default:
      return unknownFromWire(status, `status ${String(status)}`);
  }
}

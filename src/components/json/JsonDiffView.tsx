// A side-by-side JSON diff: path, last success, this run; each row says what changed in words
// (not by colour alone). Non-JSON text is compared as one string.
import { useId, useMemo, useState } from "react";
import { diffJson, type DiffKind } from "./jsonDiff";
import { parsePayloadText } from "./parsePayload";

const KIND_LABEL: Record<DiffKind, string> = { same: "same", changed: "changed", added: "only this run", removed: "only last success" };

function valueOf(text: string): unknown {
  const p = parsePayloadText(text);
  return p.kind === "json" ? p.value : p.kind === "text" ? p.text : null;
}

export function JsonDiffView({ left, right, caption }: { left: string; right: string; caption: string }) {
  const [showSame, setShowSame] = useState(false);
  const toggleId = useId();
  const diff = useMemo(() => diffJson(valueOf(left), valueOf(right)), [left, right]);
  const rows = showSame ? diff.rows : diff.rows.filter((r) => r.kind !== "same");
  return (
    <div className="json-diff">
      <p className="json-diff__summary">
        {diff.changes === 0 ? "No differences." : `${diff.changes.toLocaleString("en-US")} difference${diff.changes === 1 ? "" : "s"}.`}
        {diff.truncated ? " (Only the first differences are listed.)" : ""}{" "}
        <input id={toggleId} type="checkbox" checked={showSame} onChange={(e) => setShowSame(e.target.checked)} />{" "}
        <label htmlFor={toggleId}>Show unchanged values</label>
      </p>
      {rows.length > 0 ? (
        <div className="json-diff__scroll">
          <table className="json-diff__table">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">Path</th>
                <th scope="col">Last success</th>
                <th scope="col">This run</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, 1000).map((r) => (
                <tr key={r.path} className={`json-diff__row json-diff__row--${r.kind}`}>
                  <th scope="row">
                    <code>{r.path}</code>
                  </th>
                  <td>
                    <code>{r.left ?? "—"}</code>
                  </td>
                  <td>
                    <code>{r.right ?? "—"}</code>
                  </td>
                  <td>{KIND_LABEL[r.kind]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

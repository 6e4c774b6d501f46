// Values the thread yielded, with the total and a notice when the unary result capped them.
import { memo } from "react";
import type { GetThreadResultResponse } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { formatTimestamp } from "../common/formatTime";
import { decodeText } from "../json/parsePayload";

const SHOWN = 200;

// Memoized: its data is the GetThreadResult query, not the live events, so a live flush that
// re-renders the thread page must not re-render (and re-format) up to 200 values.
export const YieldsSection = memo(function YieldsSection({ result }: { result: GetThreadResultResponse }) {
  const total = Number(result.totalYielded);
  const values = result.yieldedValues;
  if (total === 0 && values.length === 0) return <p className="muted">No yielded values.</p>;
  return (
    <div className="yields">
      <p>
        {total.toLocaleString("en-US")} yielded value{total === 1 ? "" : "s"}
        {result.yieldsTruncated ? ` · the service returned the first ${values.length.toLocaleString("en-US")}` : ""}
        {values.length > SHOWN ? ` · showing ${SHOWN}` : ""}
      </p>
      {result.yieldsTruncated ? (
        <p className="notice notice--warning" role="note">
          Yields truncated: {values.length.toLocaleString("en-US")} of {total.toLocaleString("en-US")} are available from the result call.
        </p>
      ) : null}
      <ol className="yields__list">
        {values.slice(0, SHOWN).map((v) => {
          const text = decodeText(v.valueData);
          return (
            <li key={String(v.index)}>
              <span className="muted">
                #{String(v.index)} · step <code>{v.stepPath}</code>
                {v.yieldedAtMs > 0n ? ` · ${formatTimestamp(v.yieldedAtMs)}` : ""}
              </span>
              <pre className="yields__value">{text.length > 2000 ? `${text.slice(0, 2000)}…` : text}</pre>
            </li>
          );
        })}
      </ol>
    </div>
  );
});

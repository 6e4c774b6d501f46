// The step tree's own view state: expansion toggles, "hide successful branches", the filter. The
// selection is not here: it lives in the URL.
import { useCallback, useDeferredValue, useMemo, useState } from "react";
import type { StepStatus } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { filterRows } from "../../api/steps/filterRows";
import { findRow, pathAt, type StepTree } from "../../api/steps/stepTree";
import { isExpandedRow, resolveOverrides, visibleRows, type ExpansionRule } from "../../api/steps/visibleRows";

export interface TreeViewState {
  rows: Int32Array;
  hiddenSuccessful: number;
  matches: number | null;
  pinnedRow: number;
  hideSuccessful: boolean;
  setHideSuccessful: (v: boolean) => void;
  filterText: string;
  setFilterText: (v: string) => void;
  status: StepStatus | null;
  setStatus: (v: StepStatus | null) => void;
  isExpanded: (row: number) => boolean;
  setExpanded: (row: number, open: boolean) => void;
  /** Opens every branch, or closes all but the top level; forgets the toggles. */
  setAllExpanded: (open: boolean) => void;
  allExpanded: boolean;
}

export function useTreeViewState(tree: StepTree, selectedPath: string | undefined, threadFailed: boolean): TreeViewState {
  const [overrides, setOverrides] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [allExpanded, setAllExpandedState] = useState(false);
  const [hideChoice, setHideChoice] = useState<boolean | null>(null);
  const [filterText, setFilterText] = useState("");
  const [status, setStatus] = useState<StepStatus | null>(null);
  const deferredText = useDeferredValue(filterText);
  const hideSuccessful = hideChoice ?? threadFailed;

  const rule: ExpansionRule = useMemo(
    () => ({ defaultDepth: allExpanded ? 65_535 : 1, expandFailures: true, overrides }),
    [overrides, allExpanded],
  );
  const setAllExpanded = useCallback((open: boolean) => {
    setAllExpandedState(open);
    setOverrides(new Map());
  }, []);
  const pinnedRow = useMemo(() => (selectedPath ? findRow(tree, selectedPath) : -1), [tree, selectedPath]);
  const filtered = useMemo(
    () => filterRows(tree, { text: deferredText, statuses: new Set(status === null ? [] : [status]) }),
    [tree, deferredText, status],
  );
  const visible = useMemo(
    () => visibleRows(tree, { expansion: rule, hideSuccessful, keep: filtered?.keep ?? null, pinnedRow }),
    [tree, rule, hideSuccessful, filtered, pinnedRow],
  );
  const resolved = useMemo(() => resolveOverrides(tree, overrides), [tree, overrides]);
  const filtering = filtered !== null;
  const isExpanded = useCallback(
    (row: number) => {
      if (pinnedRow > row && pinnedRow < (tree.subtreeEnd[row] ?? 0)) return true;
      if (filtering) return resolved.get(row) ?? true;
      return isExpandedRow(tree, row, rule, resolved);
    },
    [tree, rule, resolved, pinnedRow, filtering],
  );
  const setExpanded = useCallback(
    (row: number, open: boolean) => {
      const path = pathAt(tree, row);
      setOverrides((prev) => new Map(prev).set(path, open));
    },
    [tree],
  );
  return {
    rows: visible.rows,
    hiddenSuccessful: visible.hiddenSuccessful,
    matches: filtered?.matches ?? null,
    pinnedRow,
    hideSuccessful,
    setHideSuccessful: setHideChoice,
    filterText,
    setFilterText,
    status,
    setStatus,
    isExpanded,
    setExpanded,
    setAllExpanded,
    allExpanded,
  };
}

// The step tree: an ARIA tree over a virtualized, scroll-capped list. Focus stays on the tree
// (aria-activedescendant names the selected row), so keyboard navigation works with only the
// visible rows in the DOM. Selecting a row selects the step (the URL), which opens its detail.
import { memo, useCallback, useEffect, useId, useRef, type KeyboardEvent } from "react";
import { failureOrdinal, failureTarget, type FailureMove } from "../../api/steps/failureNav";
import { isAncestorOrSelf, pathAt, type StepTree } from "../../api/steps/stepTree";
import { visibleIndexOf } from "../../api/steps/visibleRows";
import { useNow } from "../common/useNow";
import { ScaledList, type ScaledListHandle } from "./ScaledList";
import { StepTreeRow } from "./StepTreeRow";
import { StepTreeToolbar } from "./StepTreeToolbar";
import { treeKeyAction, typeaheadMatch } from "./treeKeys";
import { useTreeViewState } from "./useTreeViewState";

export const ROW_HEIGHT = 28;

export type SelectMode = "push" | "replace";

export interface StepTreeViewProps {
  tree: StepTree;
  /** The tree is still loading: it may be the top part only (a partial tree of a big thread). */
  loading?: boolean;
  threadFailed: boolean;
  running: boolean;
  selectedPath: string | undefined;
  onSelect: (path: string, mode: SelectMode) => void;
  /** Enter on a row: move on to its detail. */
  onActivate: () => void;
}

// Memoized: the thread page re-renders on every live flush (the WatchThread replay is thousands of
// events), and the tree only needs to when its own props change.
export const StepTreeView = memo(function StepTreeView({
  tree,
  loading = false,
  threadFailed,
  running,
  selectedPath,
  onSelect,
  onActivate,
}: StepTreeViewProps) {
  const view = useTreeViewState(tree, selectedPath, threadFailed);
  const { rows, pinnedRow } = view;
  const listRef = useRef<ScaledListHandle | null>(null);
  const baseId = useId();
  const nowMs = useNow(1_000, running);
  const selectedIndex = pinnedRow >= 0 ? visibleIndexOf(rows, pinnedRow) : -1;

  // Scroll to the selection when it changes, and when a deep-linked step first appears.
  const scrolledTo = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (selectedPath === undefined || selectedIndex < 0 || scrolledTo.current === selectedPath) return;
    scrolledTo.current = selectedPath;
    listRef.current?.scrollToIndex(selectedIndex);
  }, [selectedPath, selectedIndex]);

  const select = useCallback(
    (row: number, mode: SelectMode) => {
      if (row < 0) return;
      onSelect(pathAt(tree, row), mode);
    },
    [tree, onSelect],
  );
  const selectRow = useCallback(
    (row: number) => {
      select(row, "push");
      // Keep focus on the tree (rows come and go as the list scrolls).
      listRef.current?.focus();
    },
    [select],
  );
  const toggleRow = useCallback(
    (row: number) => {
      const open = !view.isExpanded(row);
      // Closing the branch that holds the selection moves the selection up to it.
      if (!open && pinnedRow > row && isAncestorOrSelf(tree, row, pinnedRow)) select(row, "replace");
      view.setExpanded(row, open);
    },
    [view, pinnedRow, tree, select],
  );

  const typeahead = useRef({ text: "", at: 0 });
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const action = treeKeyAction(
      e.key,
      { ctrl: e.ctrlKey, meta: e.metaKey, alt: e.altKey },
      { tree, rows, current: selectedIndex, isExpanded: view.isExpanded, pageSize: listRef.current?.pageSize() ?? 10 },
    );
    switch (action.kind) {
      case "none":
        return;
      case "move": {
        const row = rows[action.index];
        if (row !== undefined) {
          select(row, "replace");
          listRef.current?.scrollToIndex(action.index);
        }
        break;
      }
      case "expand":
        view.setExpanded(action.row, true);
        break;
      case "collapse":
        view.setExpanded(action.row, false);
        break;
      case "activate":
        onActivate();
        break;
      case "typeahead": {
        const now = Date.now();
        const t = typeahead.current;
        t.text = now - t.at > 700 ? action.char : t.text + action.char;
        t.at = now;
        const i = typeaheadMatch(tree, rows, selectedIndex, t.text);
        if (i >= 0) {
          select(rows[i] as number, "replace");
          listRef.current?.scrollToIndex(i);
        }
        break;
      }
    }
    e.preventDefault();
  };

  const onFailure = (move: FailureMove) => {
    const row = failureTarget(tree, pinnedRow, move);
    if (row >= 0) select(row, "push");
  };

  const rowId = (row: number) => `${baseId}-r${row}`;
  return (
    <div className="step-tree">
      <StepTreeToolbar
        view={view}
        totalRows={tree.count}
        failures={tree.leafFailures.length}
        failureOrdinal={pinnedRow >= 0 ? failureOrdinal(tree, pinnedRow) : 0}
        onFailure={onFailure}
      />
      {rows.length === 0 ? (
        <p className="muted step-tree__empty">
          {tree.count === 0
            ? loading
              ? "Loading steps…"
              : "No steps yet."
            : loading
              ? `No step to show among the first ${tree.count.toLocaleString("en-US")} yet; the rest are loading.`
              : view.matches === 0
              ? "No step matches the filter."
              : `All ${tree.count.toLocaleString("en-US")} steps succeeded; they are hidden. Untick "Hide successful branches" to see them.`}
        </p>
      ) : null}
      <ScaledList
        ref={listRef}
        role="tree"
        aria-label="Steps"
        aria-activedescendant={selectedIndex >= 0 ? rowId(pinnedRow) : undefined}
        tabIndex={0}
        className="step-tree__list"
        style={{ height: `min(68vh, ${Math.max(4, rows.length) * ROW_HEIGHT + 2}px)` }}
        count={rows.length}
        rowHeight={ROW_HEIGHT}
        onKeyDown={onKeyDown}
        renderRow={(index, style) => {
          const row = rows[index] as number;
          return (
            <StepTreeRow
              key={row}
              tree={tree}
              row={row}
              id={rowId(row)}
              selected={row === pinnedRow}
              expanded={view.isExpanded(row)}
              style={style}
              nowMs={nowMs}
              onSelectRow={selectRow}
              onToggleRow={toggleRow}
            />
          );
        }}
      />
    </div>
  );
});

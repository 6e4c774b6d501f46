// fanout: builds `steps` steps (up to 1,000,000) in a nested tree, quickly; fails at `fail_at`.
// Steps are computed from the input and the thread's progress, never stored row by row.
// Shapes: "nested" (the default): a full tree of `depth` levels (fanoutTree.ts), so no node has
// more than 1,000 children; "wide": step 1 with every other step as its child (1.0 … 1.<steps-2>),
// e.g. {"steps": 10001, "shape": "wide"} is one node with 10,000 children.
//
// Events: with at most 10,000 steps, every step gets StepStarted/StepCompleted (groups complete
// after their last descendant). Above 10,000, only the first-level steps get them (and none when
// there are more than 10,000 first-level steps), plus the failing step and its ancestors
// (StepStarted + StepFailed); GetThreadResult / StreamStepResult still list every step.
import { StepStatus, ThreadStatus } from "../../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { jsonPayload, type EventBody, type StepInfo, type StepRecord, type ThreadRow } from "../model.js";
import type { BatchUnit, Program, StepsView } from "../program.js";
import { hash32 } from "../random.js";
import type { Violation } from "../validate.js";
import {
  ancestorsOf,
  defaultDepth,
  fanoutTree,
  indexOf,
  isGroup,
  lastDescendant,
  levelOf,
  nodeAt,
  pathOf,
  type FanoutTree,
} from "./fanoutTree.js";
import { versions, type ScriptDef } from "./scriptDef.js";

export const ALL_EVENTS_LIMIT = 10_000;
const SMALL_BATCH = 500;
const MAX_STEPS = 1_000_000;

export const SHAPES = ["nested", "wide"] as const;
export type FanoutShape = (typeof SHAPES)[number];

function shapeOf(input: Record<string, unknown>): FanoutShape {
  return input["shape"] === "wide" ? "wide" : "nested";
}

/**
 * The "wide" shape as a FanoutTree: two levels whose first node holds all the others, so every
 * fanoutTree.ts function (paths, indices, ancestors) applies unchanged.
 */
export function wideTree(n: number): FanoutTree {
  const children = Math.max(1, n - 1);
  return { n, depth: 2, branching: children, sizes: [children + 1, 1] };
}

function treeOf(input: Record<string, unknown>): FanoutTree {
  const n = Number(input["steps"]);
  if (shapeOf(input) === "wide") return wideTree(n);
  const depth = typeof input["depth"] === "number" ? input["depth"] : defaultDepth(n);
  return fanoutTree(n, depth);
}

function infoAt(tree: FanoutTree, index: number): StepInfo {
  const path = pathOf(tree, index);
  return isGroup(tree, index)
    ? { path, name: `fan-${path}`, primitive: "group", tool: "" }
    : { path, name: `work-${index}`, primitive: "code", tool: "" };
}

function build(threadId: string, input: Record<string, unknown>): Program {
  const tree = treeOf(input);
  const n = tree.n;
  const failPath = typeof input["fail_at"] === "string" ? input["fail_at"] : "";
  const failIndex = failPath === "" ? undefined : indexOf(tree, failPath);
  const failError = `StepError: injected failure at step ${failPath} (fail_at)`;
  const allEvents = n <= ALL_EVENTS_LIMIT;
  const top = tree.sizes[0] ?? 1;
  const unitSize = allEvents ? SMALL_BATCH : Math.max(top, Math.ceil(Math.ceil(n / 200) / top) * top);
  const unitCount = Math.ceil(n / unitSize);
  const topCount = Math.ceil(n / top);

  function started(index: number): EventBody {
    const info = infoAt(tree, index);
    return { case: "stepStarted", value: { stepPath: info.path, name: info.name, primitive: info.primitive, tool: "", attempt: 1, totalSteps: n } };
  }
  function completed(index: number): EventBody {
    return { case: "stepCompleted", value: { stepPath: pathOf(tree, index), durationMs: 1 + (lastDescendant(tree, index) - index) } };
  }

  function unitAt(u: number): BatchUnit | undefined {
    if (u >= unitCount) return undefined;
    const from = u * unitSize;
    const to = Math.min(n, from + unitSize);
    const failHere = failIndex !== undefined && failIndex >= from && failIndex < to ? failIndex : undefined;
    const end = failHere ?? to;
    const failAncestors = failHere === undefined ? [] : ancestorsOf(tree, failHere).filter((a) => a >= from);
    return {
      kind: "batch",
      durationMs: (allEvents ? 100 : 20) + (end - from) * 0.02,
      stepsCompleted: end - from - failAncestors.length,
      currentStep: infoAt(tree, Math.max(from, end - 1)),
      failure: failHere === undefined ? undefined : { path: pathOf(tree, failHere), error: failError },
      events: () => {
        const out: EventBody[] = [];
        if (allEvents) {
          for (let i = from; i < end; i++) {
            out.push(started(i));
            if (isGroup(tree, i)) continue;
            out.push(completed(i));
            for (const a of ancestorsOf(tree, i).reverse()) if (lastDescendant(tree, a) === i) out.push(completed(a));
          }
        } else if (topCount <= ALL_EVENTS_LIMIT) {
          for (let i = from; i < end; i += top) {
            out.push(started(i));
            if (failHere === undefined || lastDescendant(tree, i) < failHere) out.push(completed(i));
          }
        }
        if (failHere !== undefined) {
          if (!allEvents) {
            // Events of first-level steps were emitted above (when there are not too many).
            for (const a of failAncestors) if (!(topCount <= ALL_EVENTS_LIMIT && levelOf(tree, a) === 0)) out.push(started(a));
          }
          out.push(started(failHere));
          out.push({ case: "stepFailed", value: { stepPath: pathOf(tree, failHere), error: failError, recoverable: false } });
        }
        return out;
      },
    };
  }

  return {
    totalSteps: n,
    unitAt,
    stepInfo: (p) => {
      const i = indexOf(tree, p);
      return i === undefined ? undefined : infoAt(tree, i);
    },
    output: () =>
      jsonPayload({
        steps: n,
        ...(shapeOf(input) === "wide" ? { shape: "wide" } : {}),
        depth: tree.depth,
        branching: tree.branching,
        checksum: hash32(`${threadId}:${n}`),
      }),
    computedSteps: (row) => computedSteps(tree, row, unitSize, failIndex, failError),
  };
}

function computedSteps(tree: FanoutTree, row: ThreadRow, unitSize: number, failIndex: number | undefined, failError: string): StepsView {
  const n = tree.n;
  const failed = row.status === ThreadStatus.FAILED && failIndex !== undefined;
  const processed = row.status === ThreadStatus.COMPLETED ? n : failed ? (failIndex ?? 0) : Math.min(n, row.cursor * unitSize);
  const open = new Set(processed < n ? ancestorsOf(tree, processed) : []);
  const terminal = row.status === ThreadStatus.COMPLETED || row.status === ThreadStatus.FAILED || row.status === ThreadStatus.CANCELLED;
  const endAt = row.finishedAtMs || row.updatedAtMs || row.startedAtMs;
  const perNode = processed > 0 ? Math.max(0, endAt - row.startedAtMs) / processed : 0;
  const failedAncestorError = `step ${pathOf(tree, failIndex ?? 0)} failed`;

  function record(index: number, payloads: boolean): StepRecord | undefined {
    if (index < 0 || index >= n) return undefined;
    const node = nodeAt(tree, index);
    const path = node.path;
    const group = node.last > index;
    const startAt = Math.round(row.startedAtMs + index * perNode);
    const finishAt = Math.round(row.startedAtMs + (node.last + 1) * perNode);
    let status: StepStatus;
    let error = "";
    if (failed && index === failIndex) {
      status = StepStatus.FAILED;
      error = failError;
    } else if (index < processed && open.has(index)) {
      status = failed ? StepStatus.FAILED : terminal ? StepStatus.SKIPPED : StepStatus.RUNNING;
      if (failed) error = failedAncestorError;
    } else if (index < processed) status = StepStatus.COMPLETED;
    else status = terminal ? StepStatus.SKIPPED : StepStatus.PENDING;
    const ran = status === StepStatus.COMPLETED || status === StepStatus.FAILED || status === StepStatus.RUNNING;
    const done = status === StepStatus.COMPLETED || status === StepStatus.FAILED;
    // Payload texts written out: byte for byte what JSON.stringify gives (paths are digits and dots).
    return {
      path,
      name: group ? `fan-${path}` : `work-${index}`,
      primitive: group ? "group" : "code",
      tool: "",
      status,
      attempt: ran ? 1 : 0,
      startedAtMs: ran ? startAt : 0,
      finishedAtMs: done ? (status === StepStatus.FAILED && index === failIndex ? startAt + Math.round(perNode) : finishAt) : 0,
      error,
      recoverable: false,
      input: payloads && ran ? { kind: "json", text: `{"index":${index},"path":"${path}"}` } : null,
      output:
        payloads && status === StepStatus.COMPLETED
          ? { kind: "json", text: `{"ok":true,"value":${hash32(`${row.threadId}:${index}`) % 1000}}` }
          : null,
      ask: null,
    };
  }
  const at = (index: number) => record(index, true);
  return {
    total: n,
    at,
    summaryAt: (index) => record(index, false),
    find: (path) => {
      const i = indexOf(tree, path);
      return i === undefined ? undefined : at(i);
    },
  };
}

export const fanout: ScriptDef = {
  name: "fanout",
  description:
    'Builds `steps` steps (up to 1,000,000) in a nested tree, or with shape "wide" as one node holding all the others; fails at `fail_at` if given.',
  contract: {
    inputs: [
      { name: "steps", type: { kind: "integer" }, required: true, description: "Number of steps (1 to 1,000,000)" },
      { name: "depth", type: { kind: "integer" }, required: false, description: "Levels of nesting (1 to 8; nested shape only)" },
      {
        name: "shape",
        type: { kind: "enum", enumName: "fanout_shape" },
        required: false,
        description: 'Tree shape: "nested" (default, a full tree of `depth` levels) or "wide" (step 1 with the other steps-1 steps as its children)',
      },
      { name: "fail_at", type: { kind: "string" }, required: false, description: "Step path that fails, e.g. 1.2.0" },
    ],
    outputs: [],
    enums: [{ name: "fanout_shape", values: [...SHAPES] }],
  },
  versions: versions(2, ["first release", "deeper trees"]),
  activeVersion: 2,
  checkInput: (input) => {
    const out: Violation[] = [];
    const steps = input["steps"];
    const depth = input["depth"];
    if (typeof steps === "number" && (steps < 1 || steps > MAX_STEPS)) out.push({ field: "steps", description: "must be between 1 and 1000000" });
    if (typeof depth === "number" && (depth < 1 || depth > 8)) out.push({ field: "depth", description: "must be between 1 and 8" });
    if (input["shape"] === "wide" && depth !== undefined) out.push({ field: "depth", description: 'applies to the "nested" shape only' });
    const failAt = input["fail_at"];
    if (out.length === 0 && typeof failAt === "string" && failAt !== "" && typeof steps === "number") {
      if (indexOf(treeOf(input), failAt) === undefined) out.push({ field: "fail_at", description: `is not a step of this tree (${failAt})` });
    }
    return out;
  },
  build,
};

// The ServiceImpl of dodil.scriptum.v1.ScriptumService over the sandbox runtime and store.
import { i64 } from "./int64.js";
import { create } from "@bufbuild/protobuf";
import type { HandlerContext, ServiceImpl } from "@connectrpc/connect";
import {
  ArtifactSchema,
  ScriptumService,
  ThreadStatus,
  type Thread,
} from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { badRequest, invalidArgument, notFound, unimplemented } from "./errors.js";
import { newThreadId } from "./ids.js";
import { pendingRow, type ThreadRow } from "./model.js";
import { clampPageSize, decodePageToken, nextPageToken } from "./pageToken.js";
import { artifactsOf, getThreadResult, StepMetaCache, streamStepResult, streamThreadResult } from "./results.js";
import type { Runtime } from "./runtime.js";
import { findScript, parseThreadInput, SCRIPTS } from "./scripts/catalog.js";
import { pageOf, toScript, toScriptVersions } from "./scriptsRpc.js";
import type { Store } from "./store.js";
import type { ThreadView } from "./threadView.js";
import { toThread } from "./toProto.js";
import { watchStep, watchThread, type Fidelity } from "./watch.js";

export const ARTIFACT_URL_TTL_MS = 15 * 60_000;

export function artifactUrl(threadId: string, name: string): string {
  return `/__sandbox/artifacts/${encodeURIComponent(threadId)}/${encodeURIComponent(name)}`;
}

/**
 * Whether the response is written in a binary format: Connect "application/connect+proto",
 * gRPC "application/grpc[+proto]", gRPC-Web "application/grpc-web[+proto]" (JSON ones say "json").
 */
export function isBinaryRequest(ctx: HandlerContext): boolean {
  const type = ctx.requestHeader.get("content-type") ?? "";
  return type !== "" && !type.includes("json");
}

export interface ServiceDeps {
  store: Store;
  runtime: Runtime;
  fidelity: Fidelity;
  version: string;
}

export function createService({ store, runtime, fidelity, version }: ServiceDeps): ServiceImpl<typeof ScriptumService> {
  function requireView(threadId: string): ThreadView {
    if (threadId === "") throw invalidArgument("thread_id is required");
    const view = runtime.view(threadId);
    if (view === undefined) throw notFound(`thread ${threadId} not found`);
    return view;
  }
  const thread = (row: ThreadRow): Thread => toThread(runtime.present(row));
  const metaCache = new StepMetaCache();

  return {
    createThread(req) {
      if (req.scriptName === "") throw badRequest("script_name is required", [{ field: "script_name", description: "is required" }]);
      const script = findScript(req.scriptName);
      if (script === undefined) throw notFound(`script ${req.scriptName} not found`);
      const version = req.version === 0 ? script.activeVersion : req.version;
      if (!script.versions.some((v) => v.version === version)) throw notFound(`script ${req.scriptName} has no version ${req.version}`);
      const parsed = parseThreadInput(script, req.inputJson);
      if (!parsed.ok) {
        if ("malformed" in parsed) throw invalidArgument(`input_json is not valid JSON: ${parsed.malformed}`);
        throw badRequest(`input_json does not match the inputs of ${script.name}`, parsed.violations);
      }
      const now = Date.now();
      const program = script.build("thr_probe", parsed.input);
      // timeout, callback_url and execution_mode are accepted but not enforced (as in the real runtime).
      const row = pendingRow({
        threadId: newThreadId(now),
        scriptName: script.name,
        version,
        totalSteps: program.totalSteps,
        createdAtMs: now,
        metadata: { ...req.metadata },
        inputJson: req.inputJson.trim() === "" ? "{}" : req.inputJson,
      });
      runtime.createThread(row);
      return toThread(row);
    },

    getThread(req) {
      // The row only: a seeded thread's log is not synthesized for it (see Runtime.present).
      if (req.threadId === "") throw invalidArgument("thread_id is required");
      const row = store.getThread(req.threadId);
      if (row === undefined) throw notFound(`thread ${req.threadId} not found`);
      return thread(row);
    },

    listThreads(req) {
      if (!(req.statusFilter in ThreadStatus) || typeof ThreadStatus[req.statusFilter] !== "string") {
        throw badRequest(`unknown status_filter ${req.statusFilter}`, [{ field: "status_filter", description: "is not a thread status" }]);
      }
      const after = req.pageToken === "" ? undefined : decodePageToken(req.pageToken);
      if (req.pageToken !== "" && after === undefined) {
        throw badRequest("invalid page_token", [{ field: "page_token", description: "is not a token from a previous page" }]);
      }
      const size = clampPageSize(req.pageSize);
      const rows = store.listThreads({
        statuses: req.statusFilter === ThreadStatus.UNSPECIFIED ? undefined : [req.statusFilter],
        scriptName: req.scriptNameFilter === "" ? undefined : req.scriptNameFilter,
        after,
        limit: size + 1,
      });
      const page = rows.slice(0, size);
      const last = page[page.length - 1];
      return {
        threads: runtime.presentMany(page).map(toThread),
        nextPageToken: nextPageToken({
          hasMore: rows.length > size,
          lastKey: last === undefined ? undefined : { createdAtMs: last.createdAtMs, threadId: last.threadId },
          requestToken: req.pageToken,
          filtered: req.statusFilter !== ThreadStatus.UNSPECIFIED || req.scriptNameFilter !== "",
          fidelity,
        }),
      };
    },

    cancelThread(req) {
      if (fidelity === "today") throw unimplemented("CancelThread is not implemented");
      requireView(req.threadId);
      return { thread: toThread(runtime.cancel(req.threadId, req.reason)) };
    },

    resumeThread(req) {
      requireView(req.threadId);
      return { thread: toThread(runtime.resume(req.threadId, req.stepInputOverrideJson)) };
    },

    async *watchThread(req, ctx: HandlerContext) {
      requireView(req.threadId);
      yield* watchThread(runtime, req.threadId, fidelity, ctx.signal);
    },

    async *watchStep(req, ctx: HandlerContext) {
      const view = requireView(req.threadId);
      if (req.stepPath === "") throw invalidArgument("step_path is required");
      if (view.steps().find(req.stepPath) === undefined) throw notFound(`thread ${req.threadId} has no step ${req.stepPath}`);
      yield* watchStep(runtime, req.threadId, req.stepPath, fidelity, ctx.signal);
    },

    getThreadResult(req) {
      const view = requireView(req.threadId);
      return getThreadResult({ ...view, row: runtime.present(view.row) }, req);
    },

    async *streamThreadResult(req, ctx: HandlerContext) {
      yield* streamThreadResult(requireView(req.threadId), req.maxChunkBytes, ctx.signal);
    },

    async *streamStepResult(req, ctx: HandlerContext) {
      yield* streamStepResult(requireView(req.threadId), req.stepPath, req.maxChunkBytes, fidelity, ctx.signal, {
        binary: isBinaryRequest(ctx),
        metaCache,
      });
    },

    listArtifacts(req) {
      if (fidelity === "today") throw unimplemented("ListArtifacts is not implemented");
      const view = requireView(req.threadId);
      const now = Date.now();
      return {
        artifacts: artifactsOf(view).map((a) =>
          create(ArtifactSchema, {
            name: a.name,
            sizeBytes: i64(a.size),
            contentType: "application/json",
            downloadUrl: artifactUrl(view.row.threadId, a.name),
            createdAtMs: i64(view.row.finishedAtMs || view.row.createdAtMs),
            expiresAtMs: i64(now + ARTIFACT_URL_TTL_MS),
          }),
        ),
      };
    },

    listScripts(req) {
      const matching = SCRIPTS.filter((s) => s.name.includes(req.nameFilter));
      const page = pageOf(matching, req.pageSize, req.pageToken);
      if (page === undefined) throw invalidArgument("invalid page_token");
      return { scripts: page.items.map(toScript), nextPageToken: page.next };
    },

    getScript(req) {
      const script = findScript(req.name);
      if (script === undefined) throw notFound(`script ${req.name} not found`);
      return { script: toScript(script) };
    },

    listScriptVersions(req) {
      const script = findScript(req.name);
      if (script === undefined) throw notFound(`script ${req.name} not found`);
      const page = pageOf(toScriptVersions(script), req.pageSize, req.pageToken);
      if (page === undefined) throw invalidArgument("invalid page_token");
      return { versions: page.items, nextPageToken: page.next };
    },

    healthCheck() {
      return { status: "ok", version };
    },
  };
}

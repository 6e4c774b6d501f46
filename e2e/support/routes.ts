// One concrete URL per console route, for specs that visit every page.
import { paths, type routePatterns } from "../../src/routes";

export type RouteId = keyof typeof routePatterns;

export function samplePaths(threadId: string): Record<RouteId, string> {
  return {
    threads: paths.threads(),
    thread: paths.thread(threadId),
    threadStep: paths.threadStep(threadId, "1"),
    approvals: paths.approvals(),
    approval: paths.approval(threadId),
    newThread: paths.newThread(),
    settings: paths.settings(),
  };
}

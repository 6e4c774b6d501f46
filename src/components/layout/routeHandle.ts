// What each route declares about itself (react-router `handle`).
export interface RouteHandle {
  /** The document title's first part: "Threads · Scriptum Console". */
  title: string;
}

export const APP_NAME = "Scriptum Console";

export function documentTitle(handle: unknown): string {
  if (typeof handle === "object" && handle !== null && "title" in handle) {
    const { title } = handle as RouteHandle;
    if (typeof title === "string" && title !== "") return `${title} · ${APP_NAME}`;
  }
  return APP_NAME;
}

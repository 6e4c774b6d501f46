import type { FieldPath } from "./fieldPath";

/** One problem with one field of an answer; `path` is empty for the answer as a whole. */
export type Violation = { path: FieldPath; message: string };

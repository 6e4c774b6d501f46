// What stops a thread from being created, placed where the person can fix it: on the script,
// version, metadata, timeout or callback field, or on the input (keyed like the typed form's
// fields; "" = the input as a whole, which is also where the JSON editor shows its errors).
import type { FieldErrors } from "../ask-form/fieldErrors";

export type TopField = "script" | "version" | "metadata" | "timeout" | "callbackUrl";

export interface NewThreadErrors {
  top: Partial<Record<TopField, readonly string[]>>;
  input: FieldErrors;
}

export const NO_ERRORS: NewThreadErrors = { top: {}, input: {} };

export function hasErrors(errors: NewThreadErrors): boolean {
  return (
    Object.values(errors.top).some((list) => list !== undefined && list.length > 0) ||
    Object.values(errors.input).some((list) => list.length > 0)
  );
}

/** Every input message, for the JSON editor (where the whole input is one field). */
export function allInputMessages(input: FieldErrors): string[] {
  return Object.entries(input).flatMap(([key, messages]) =>
    messages.map((message) => (key === "" || message.startsWith(key) ? message : `${key}: ${message}`)),
  );
}

// The error line under one of the form's own fields. Text only.
export function FieldError({ id, messages }: { id: string; messages: readonly string[] | undefined }) {
  if (messages === undefined || messages.length === 0) return null;
  return (
    <p className="field__error" id={id}>
      {messages.join(" ")}
    </p>
  );
}

/** "2 of 3 attempts left": a rejected answer uses one, the last rejection fails the thread. */
export function AttemptsLeft({ left, max }: { left: number | null; max: number }) {
  if (left === null) return null;
  return (
    <span className={left <= 1 ? "ask-attempts ask-attempts--last" : "ask-attempts"} data-testid="ask-attempts">
      {left} of {max} {max === 1 ? "attempt" : "attempts"} left
    </span>
  );
}

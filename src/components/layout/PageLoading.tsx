// Shown while a page's code loads. It appears only after a short delay (CSS), so fast loads do
// not flash it.
export function PageLoading() {
  return (
    <div className="page-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>Loading…</span>
    </div>
  );
}

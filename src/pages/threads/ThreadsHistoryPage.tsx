// Placeholder: replaced by the page's owner.
export default function ThreadsHistoryPage() {
  return <h1>ThreadsHistoryPage</h1>;
}

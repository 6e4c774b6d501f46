// Placeholder: replaced by the page's owner.
export default function ThreadPage() {
  return <h1>ThreadPage</h1>;
}

// Placeholder: replaced by the page's owner.
export default function NewThreadPage() {
  return <h1>NewThreadPage</h1>;
}

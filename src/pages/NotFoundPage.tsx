// Placeholder: replaced by the page's owner.
export default function NotFoundPage() {
  return <h1>NotFoundPage</h1>;
}

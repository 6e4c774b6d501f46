// Placeholder: replaced by the page's owner.
export default function ApprovalsPage() {
  return <h1>ApprovalsPage</h1>;
}

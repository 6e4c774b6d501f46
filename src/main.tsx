// Boots the console in steps, letting the browser run a task between them: the framework's code
// first, then the app's (Connect, the protobuf descriptors, the routes), then the first render.
// Evaluated as one static module graph, the boot was a single 80–110 ms task. The yields are
// MessageChannel tasks (setTimeout is throttled to 1 s in background tabs). The first render is
// not a transition: a transition yields to every other task, and in a renderer shared by several
// busy tabs it was starved for seconds (the router, created in that render, starts the page's
// code only then). No JSX here: the entry imports nothing statically, so every part loads
// through the steps below (index.html preloads them all at once: vite.config.ts, bootPreload).
import "./styles/index.css";

const nextTask = (): Promise<void> =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

async function boot(container: HTMLElement): Promise<void> {
  const { createRoot } = await import("react-dom/client");
  await nextTask();
  const [{ App }, React] = await Promise.all([import("./App"), import("react")]);
  await nextTask();
  const root = createRoot(container);
  root.render(React.createElement(React.StrictMode, null, React.createElement(App)));
}

const container = document.getElementById("root");
if (container === null) throw new Error("index.html has no #root element");
boot(container).catch((error: unknown) => {
  // The app's code could not load (a new version replaced it, the server went away): say so, as
  // text, instead of leaving "Loading…".
  const note = document.createElement("p");
  note.className = "boot-note";
  note.setAttribute("role", "alert");
  note.textContent = `Scriptum Console could not start: ${error instanceof Error ? error.message : String(error)}. Reload the page to try again.`;
  container.replaceChildren(note);
});

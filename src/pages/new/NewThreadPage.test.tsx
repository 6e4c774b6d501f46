// /new against an in-memory ScriptumService (createRouterTransport, real handlers): what is sent,
// what is refused before sending, and where the service's refusals are shown.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createRouterTransport } from "@connectrpc/connect";
import {
  ScriptumService,
  ThreadSchema,
  ThreadStatus,
  type CreateThreadRequest,
  type Thread,
} from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { BadRequestSchema } from "../../api/gen/google/rpc/error_details_pb";
import { NEW_THREAD_DRAFT_KEY } from "../../components/new-thread/draftStorage";
import { invoiceContract, reportContract, script, versionsOf } from "../../components/new-thread/testing/scriptFixtures";
import { paths } from "../../routes";
import { renderApp } from "../../test/renderApp";

const SCRIPTS = [
  script("invoice-parser", invoiceContract()),
  script("flaky-report", reportContract(), 1),
  script("raw-script", undefined, 1),
];

type CreateBehaviour = (request: CreateThreadRequest) => Thread;

function backend(options: { onCreate?: CreateBehaviour; threads?: Thread[] } = {}) {
  const created: CreateThreadRequest[] = [];
  const transport = createRouterTransport(({ service }) => {
    service(ScriptumService, {
      listScripts(request) {
        return { scripts: SCRIPTS.filter((s) => s.name.includes(request.nameFilter)) };
      },
      getScript(request) {
        const found = SCRIPTS.find((s) => s.name === request.name);
        if (found === undefined) throw new ConnectError(`script ${request.name} not found`, Code.NotFound);
        return { script: found };
      },
      listScriptVersions(request) {
        const found = SCRIPTS.find((s) => s.name === request.name);
        return { versions: versionsOf(found?.contract, found?.activeVersion ?? 1) };
      },
      createThread(request) {
        created.push(request);
        const thread = (options.onCreate ?? defaultCreate)(request);
        (options.threads ??= []).push(thread);
        return thread;
      },
      getThread(request) {
        const found = options.threads?.find((t) => t.threadId === request.threadId);
        if (found === undefined) throw new ConnectError(`thread ${request.threadId} not found`, Code.NotFound);
        return found;
      },
      // eslint-disable-next-line require-yield
      async *watchThread() {
        return;
      },
    });
  });
  return { transport, created };
}

function defaultCreate(request: CreateThreadRequest): Thread {
  return create(ThreadSchema, {
    threadId: "thr_new_1",
    scriptName: request.scriptName,
    version: request.version,
    status: ThreadStatus.PENDING,
    inputJson: request.inputJson,
  });
}

function badRequest(message: string, violations: { field: string; description: string }[]): ConnectError {
  return new ConnectError(message, Code.InvalidArgument, undefined, [{ desc: BadRequestSchema, value: { fieldViolations: violations } }]);
}

async function openNew(transport: ReturnType<typeof backend>["transport"], path = paths.newThread()) {
  const view = renderApp(path, { transport });
  await screen.findByRole("heading", { name: "New thread", level: 1 });
  return view;
}

async function chooseScript(name: string) {
  const select = await screen.findByRole("combobox", { name: /^Script/ });
  await waitFor(() => expect(within(select).getByRole("option", { name })).toBeInTheDocument());
  await userEvent.selectOptions(select, name);
}

const user = () => userEvent.setup();

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});
afterEach(() => sessionStorage.clear());

describe("/new", () => {
  it("creates a thread from the typed form and opens its live page", async () => {
    const { transport, created } = backend();
    const { router } = await openNew(transport);
    await chooseScript("invoice-parser");
    const invoice = await screen.findByRole("textbox", { name: /invoice_id/ });
    await user().type(invoice, "INV-42");
    await user().type(screen.getByRole("textbox", { name: /ask_expires_in_s/ }), "90");
    await user().click(screen.getByRole("checkbox", { name: "Load environment" }));
    await user().click(screen.getByRole("button", { name: "Add metadata" }));
    await user().type(screen.getByRole("textbox", { name: "Metadata key 1" }), "ticket");
    await user().type(screen.getByRole("textbox", { name: "Metadata value 1" }), "INC-1402");
    await user().click(screen.getByRole("button", { name: "Create thread" }));

    await waitFor(() => expect(router.state.location.pathname).toBe(paths.thread("thr_new_1")));
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      scriptName: "invoice-parser",
      version: 0,
      inputJson: '{"invoice_id":"INV-42","ask_expires_in_s":90}',
      loadEnv: true,
      metadata: { ticket: "INC-1402" },
      timeout: "",
      callbackUrl: "",
    });
    // The draft is done with once the thread exists.
    expect(sessionStorage.getItem(NEW_THREAD_DRAFT_KEY)).toBeNull();
  });

  it("shows a missing required input on its field and sends nothing", async () => {
    const { transport, created } = backend();
    await openNew(transport);
    await chooseScript("invoice-parser");
    const invoice = await screen.findByRole("textbox", { name: /invoice_id/ });
    await user().click(screen.getByRole("button", { name: "Create thread" }));
    expect(await screen.findByText("invoice_id is required")).toBeInTheDocument();
    expect(invoice).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByTestId("new-thread-errors")).toHaveTextContent("The thread was not created:");
    expect(created).toHaveLength(0);
  });

  it("refuses malformed JSON in the raw editor, on the editor, and sends nothing", async () => {
    const { transport, created } = backend();
    await openNew(transport);
    await chooseScript("invoice-parser");
    await screen.findByRole("textbox", { name: /invoice_id/ });
    await user().click(screen.getByRole("radio", { name: "JSON" }));
    const editor = screen.getByRole("textbox", { name: "Input JSON" });
    await user().clear(editor);
    await user().click(editor);
    await user().paste('{"invoice_id": "INV-1",');
    await user().click(screen.getByRole("button", { name: "Create thread" }));
    await waitFor(() => expect(editor).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getAllByText(/The input is not valid JSON/).length).toBeGreaterThan(0);
    expect(created).toHaveLength(0);
  });

  it("keeps the typed form and the JSON editor in sync both ways", async () => {
    const { transport } = backend();
    await openNew(transport);
    await chooseScript("invoice-parser");
    await user().type(await screen.findByRole("textbox", { name: /invoice_id/ }), "INV-7");
    await user().click(screen.getByRole("radio", { name: "JSON" }));
    const editor = screen.getByRole("textbox", { name: "Input JSON" });
    expect(JSON.parse((editor as HTMLTextAreaElement).value)).toEqual({ invoice_id: "INV-7" });

    await user().clear(editor);
    await user().click(editor);
    await user().paste('{"invoice_id":"INV-8","ask_expires_in_s":30,"trace":true}');
    await user().click(screen.getByRole("radio", { name: "Typed form" }));
    expect(screen.getByRole("textbox", { name: /invoice_id/ })).toHaveValue("INV-8");
    expect(screen.getByRole("textbox", { name: /ask_expires_in_s/ })).toHaveValue("30");
    expect(screen.getByText(/Also sent, not named by the contract/)).toHaveTextContent("trace");

    // A value the form cannot hold keeps the JSON editor, with the reason.
    await user().click(screen.getByRole("radio", { name: "JSON" }));
    const again = screen.getByRole("textbox", { name: "Input JSON" });
    await user().clear(again);
    await user().click(again);
    await user().paste('{"invoice_id": 42}');
    await user().click(screen.getByRole("radio", { name: "Typed form" }));
    expect(await screen.findByText(/cannot show these values.*invoice_id must be text/)).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Input JSON" })).toHaveValue('{"invoice_id": 42}');
  });

  it("shows the service's field violations on the form and keeps the draft", async () => {
    const { transport, created } = backend({
      onCreate: () => {
        throw badRequest("input_json does not match the inputs of invoice-parser", [
          { field: "invoice_id", description: "must start with INV-" },
        ]);
      },
    });
    await openNew(transport);
    await chooseScript("invoice-parser");
    const invoice = await screen.findByRole("textbox", { name: /invoice_id/ });
    await user().type(invoice, "42");
    await user().click(screen.getByRole("button", { name: "Create thread" }));
    expect(await screen.findByText("must start with INV-")).toBeInTheDocument();
    expect(invoice).toHaveAttribute("aria-invalid", "true");
    expect(invoice).toHaveValue("42");
    expect(created).toHaveLength(1);
    const stored = JSON.parse(sessionStorage.getItem(NEW_THREAD_DRAFT_KEY) ?? "null") as { scriptName: string };
    expect(stored.scriptName).toBe("invoice-parser");
  });

  it("shows NOT_FOUND on the script", async () => {
    const { transport } = backend({
      onCreate: () => {
        throw new ConnectError("script invoice-parser not found", Code.NotFound);
      },
    });
    await openNew(transport);
    await chooseScript("invoice-parser");
    await user().type(await screen.findByRole("textbox", { name: /invoice_id/ }), "INV-1");
    await user().click(screen.getByRole("button", { name: "Create thread" }));
    const select = screen.getByRole("combobox", { name: /^Script/ });
    await waitFor(() => expect(select).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getAllByText("script invoice-parser not found").length).toBeGreaterThan(0);
  });

  it("keeps the draft across a reload", async () => {
    const { transport } = backend();
    const first = await openNew(transport);
    await chooseScript("invoice-parser");
    await user().type(await screen.findByRole("textbox", { name: /ask_expires_in_s/ }), "12a");
    first.unmount();

    await openNew(transport);
    expect(await screen.findByRole("textbox", { name: /ask_expires_in_s/ })).toHaveValue("12a");
    expect(screen.getByRole("combobox", { name: /^Script/ })).toHaveValue("invoice-parser");
  });

  it("pre-fills a rerun from the thread: script, version, input and metadata", async () => {
    const source = create(ThreadSchema, {
      threadId: "thr_old",
      scriptName: "invoice-parser",
      version: 2,
      status: ThreadStatus.FAILED,
      inputJson: '{"invoice_id":"INV-OLD"}',
      metadata: { source: "scheduler" },
    });
    const { transport, created } = backend({ threads: [source] });
    await openNew(transport, paths.newThread("thr_old"));
    expect(await screen.findByRole("textbox", { name: /invoice_id/ })).toHaveValue("INV-OLD");
    expect(screen.getByRole("combobox", { name: /^Script/ })).toHaveValue("invoice-parser");
    await waitFor(() => expect(screen.getByRole("combobox", { name: "Version" })).toHaveValue("2"));
    expect(screen.getByRole("textbox", { name: "Metadata key 1" })).toHaveValue("source");
    expect(screen.getByText(/Rerun of/)).toHaveTextContent("thr_old");

    await user().click(screen.getByRole("button", { name: "Create thread" }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]).toMatchObject({ scriptName: "invoice-parser", version: 2, inputJson: '{"invoice_id":"INV-OLD"}', metadata: { source: "scheduler" } });
  });

  it("loads a JSON file into the form; an invalid file changes nothing", async () => {
    const { transport } = backend();
    await openNew(transport);
    await chooseScript("invoice-parser");
    const invoice = await screen.findByRole("textbox", { name: /invoice_id/ });
    await user().type(invoice, "KEEP-ME");
    const fileInput = screen.getByLabelText("JSON input file");

    await user().upload(fileInput, new File(['{"invoice_id": '], "broken.json", { type: "application/json" }));
    expect(await screen.findByText(/broken\.json is not valid JSON .*nothing was loaded/)).toBeInTheDocument();
    expect(invoice).toHaveValue("KEEP-ME");

    await user().upload(fileInput, new File(['{"invoice_id":"INV-FILE"}'], "input.json", { type: "application/json" }));
    await waitFor(() => expect(screen.getByRole("textbox", { name: /invoice_id/ })).toHaveValue("INV-FILE"));
    expect(screen.getByText("Loaded input.json.")).toBeInTheDocument();
  });

  it("offers raw JSON only for a script without typed inputs, and sends any JSON value", async () => {
    const { transport, created } = backend();
    await openNew(transport);
    await chooseScript("raw-script");
    const editor = await screen.findByRole("textbox", { name: "Input JSON" });
    expect(screen.queryByRole("radio", { name: "Typed form" })).not.toBeInTheDocument();
    await user().clear(editor);
    await user().click(editor);
    await user().paste("[1, 2]");
    await user().click(screen.getByRole("button", { name: "Create thread" }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]?.inputJson).toBe("[1, 2]");
  });
});

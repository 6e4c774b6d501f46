// /new: create a thread — the browser twin of `dodil scriptum thread create|run`. Script, version,
// typed input (or raw JSON, or a JSON file), load env, metadata, the not-enforced options; then the
// thread's live page. /new?rerun=<threadId> starts from an existing thread.
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { isAuthError } from "../../api/errors";
import { useScriptList } from "../../api/scripts/scriptQueries";
import { ErrorMessage } from "../../components/common/ErrorMessage";
import { NewThreadErrorSummary } from "../../components/new-thread/ErrorSummary";
import { InputEditor } from "../../components/new-thread/InputEditor";
import { MetadataEditor } from "../../components/new-thread/MetadataEditor";
import { RunOptions } from "../../components/new-thread/RunOptions";
import { ScriptPicker } from "../../components/new-thread/ScriptPicker";
import { VersionSelect } from "../../components/new-thread/VersionSelect";
import { NEW_THREAD_FORM_ID } from "../../components/new-thread/domIds";
import "../../components/new-thread/newThread.css";
import { describeError } from "../../api/errors";
import { paths } from "../../routes";
import { useDebouncedValue } from "./useDebouncedValue";
import { useNewThreadForm } from "./useNewThreadForm";

export default function NewThreadPage() {
  const [searchParams] = useSearchParams();
  const rerunParam = searchParams.get("rerun");
  const rerunId = rerunParam === null || rerunParam.trim() === "" ? null : rerunParam;
  const form = useNewThreadForm(rerunId);
  const [search, setSearch] = useState("");
  const scripts = useScriptList(useDebouncedValue(search, 250));
  const { draft, update, model, errors } = form;
  const busy = form.pending || form.rerun.loading;

  return (
    <div className="page new-thread">
      <header className="page-header">
        <div>
          <h1>New thread</h1>
          <p className="page-header__lead">
            Start a script in the cloud and follow it live — what <span className="mono">dodil scriptum thread run</span>{" "}
            does, in the browser.
          </p>
        </div>
      </header>

      {draft.rerunOf !== null ? (
        <p className="notice notice--info">
          Rerun of <Link to={paths.thread(draft.rerunOf)} className="mono">{draft.rerunOf}</Link>: script, version, input
          and metadata are copied from it. Change anything before creating.
        </p>
      ) : null}
      {form.rerun.loading ? <p className="notice notice--info">Loading thread {rerunId} to rerun…</p> : null}
      {form.rerun.error !== null ? (
        <ErrorMessage error={form.rerun.error} title={`Could not load thread ${rerunId ?? ""} to rerun`} />
      ) : null}

      <form
        id={NEW_THREAD_FORM_ID}
        className="stack"
        noValidate
        aria-busy={form.pending}
        onSubmit={(event) => {
          event.preventDefault();
          form.submit();
        }}
      >
        <NewThreadErrorSummary
          errors={errors}
          jsonMode={draft.input.mode !== "fields"}
          shown={form.errorsShown}
          title="The thread was not created:"
        />
        {form.createError !== null ? (
          <ErrorMessage error={form.createError} title="The thread was not created">
            {isAuthError(form.createError) ? <Link to={paths.settings()}>Fix the connection in Settings</Link> : null}
          </ErrorMessage>
        ) : null}

        <section className="card" aria-labelledby="new-thread-script-title">
          <div className="card__header">
            <h2 id="new-thread-script-title">Script</h2>
          </div>
          <div className="card__body stack">
            <ScriptPicker
              search={search}
              onSearch={setSearch}
              scripts={scripts.data?.scripts}
              more={scripts.data?.more ?? false}
              loading={scripts.isFetching}
              listError={scripts.error ? describeError(scripts.error).message || describeError(scripts.error).codeName : null}
              selected={draft.scriptName}
              onSelect={(name) => update({ type: "script", name, model })}
              script={form.script.data}
              errors={errors.top.script}
              disabled={busy}
            />
            {form.script.error ? (
              <ErrorMessage error={form.script.error} title={`Could not load script ${draft.scriptName}`} />
            ) : null}
            <VersionSelect
              version={draft.version}
              versions={form.versions.data}
              activeVersion={form.script.data?.activeVersion}
              onChange={(version) => update({ type: "version", version, model })}
              errors={errors.top.version}
              disabled={busy || draft.scriptName === ""}
            />
          </div>
        </section>

        <section className="card" aria-label="Input">
          <div className="card__body">
            <InputEditor
              input={draft.input}
              model={model}
              scriptName={draft.scriptName}
              errors={errors.input}
              disabled={busy}
              onChange={(input) => update({ type: "input", input })}
            />
          </div>
        </section>

        <section className="card" aria-label="Metadata and run options">
          <div className="card__body stack">
            <MetadataEditor
              rows={draft.metadata}
              errors={errors.top.metadata}
              disabled={busy}
              onChange={(rows) => update({ type: "metadata", rows })}
            />
            <RunOptions
              loadEnv={draft.loadEnv}
              timeout={draft.timeout}
              callbackUrl={draft.callbackUrl}
              errors={{ timeout: errors.top.timeout, callbackUrl: errors.top.callbackUrl }}
              disabled={busy}
              onLoadEnv={(value) => update({ type: "load-env", value })}
              onTimeout={(value) => update({ type: "timeout", value })}
              onCallbackUrl={(value) => update({ type: "callback-url", value })}
            />
          </div>
        </section>

        <div className="cluster">
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {form.pending ? "Creating…" : "Create thread"}
          </button>
          <button type="button" className="btn btn--ghost" disabled={form.pending} onClick={form.startOver}>
            Start over
          </button>
          <span className="subtle">The draft is kept in this tab until the thread is created.</span>
        </div>
      </form>
    </div>
  );
}

// The live engine of one thread: GetThread for the snapshot, then WatchThread; every event goes
// through the pure reducer (threadEventsReducer.ts), in batches; reconnects with backoff; falls
// back to polling GetThread when the stream gives nothing usable; checks for a pause the service
// does not announce. The only side-effecting piece of src/api/live: everything it decides is
// decided by the pure functions beside it. Shared per thread through liveRegistry.ts.
// With the connection's call gate (storm guard), it follows the gate: when the gate lets calls
// through again (it reopened, or allows a probe: the tab visible again, "Try now") a stream
// waiting out its backoff goes at once, and a session that stopped because the credentials were
// refused starts again by itself; while the gate holds calls, the view says when it sends next.
import { Code, ConnectError } from "@connectrpc/connect";
import type { WatchThreadResponse } from "../gen/dodil/scriptum/v1/scriptum_pb";
import type { CallGate, CallGateState } from "../callGate";
import type { ScriptumClient } from "../client";
import { isAuthError } from "../errors";
import { isTerminalStatus } from "../threads/threadStatus";
import { backoffDelayMs, backoffMaxMs } from "./backoff";
import { deriveConnection, type ConnectionState } from "./connectionState";
import { decidePolling, type PollingDecision } from "./fallbackDecision";
import type { LiveThreadState } from "./liveThreadState";
import type { StreamPhase } from "./streamPhase";
import { applyEvents, applySnapshot, initialLiveState } from "./threadEventsReducer";
import { deriveThreadView, type ThreadView } from "./threadView";

export interface LiveView {
  readonly state: LiveThreadState;
  readonly thread: ThreadView;
  readonly connection: ConnectionState;
  /** GetThread failed in a way retrying cannot fix (NOT_FOUND, PERMISSION_DENIED, …). */
  readonly fatalError: ConnectError | undefined;
  /** The last transient error of the stream or of a poll. */
  readonly lastError: ConnectError | undefined;
  /** How often a dropped stream was established again. */
  readonly reconnects: number;
}

export interface LiveSessionOptions {
  /** Render batching: events are applied at most this often (ms). Not requestAnimationFrame,
   *  which never fires in a hidden tab. */
  readonly flushDelayMs?: number;
  readonly random?: () => number;
  readonly now?: () => number;
  /** The call gate of the client's connection (AppProviders). */
  readonly gate?: CallGate | undefined;
}

const snapshotRetryMs = 2_000;
const fatalCodes = new Set([Code.NotFound, Code.PermissionDenied, Code.Unauthenticated, Code.InvalidArgument]);

export class ThreadLiveSession {
  private state: LiveThreadState;
  private thread: ThreadView;
  private view: LiveView;
  private readonly listeners = new Set<() => void>();
  private readonly flushDelayMs: number;
  private readonly random: () => number;
  private readonly now: () => number;

  private running = false;
  private lifetime = new AbortController();
  private streamAbort: AbortController | undefined;
  private stream: StreamPhase = { kind: "idle" };
  private streamUnimplemented = false;
  private consecutiveFailures = 0;
  private everDelivered = false;
  private reconnects = 0;
  private finalRetryUsed = false;
  private pending: WatchThreadResponse[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private recheckTimer: ReturnType<typeof setTimeout> | undefined;
  private wakeStream: (() => void) | undefined;
  private pollInFlight = false;
  private lastPollAtMs = 0;
  private lastPollFailed = false;
  /** GetThread polls in a row that failed: polling backs off like the stream (storm guard). */
  private consecutivePollFailures = 0;
  private pollBackoffMs = 0;
  private lastFreshMs: number;
  private lastChangeMs: number;
  private polling: PollingDecision = { kind: "none", recheckInMs: undefined };
  private fatalError: ConnectError | undefined;
  private lastError: ConnectError | undefined;
  private readonly gate: CallGate | undefined;
  private gateSeen: CallGateState | undefined;
  private unsubscribeGate: (() => void) | undefined;
  /** Stopped by a refusal of the credentials, not by its users: started again by the gate. */
  private haltedByRefusal = false;

  constructor(
    private readonly client: ScriptumClient,
    readonly threadId: string,
    options: LiveSessionOptions = {},
  ) {
    this.flushDelayMs = options.flushDelayMs ?? 50;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.gate = options.gate;
    this.state = initialLiveState(threadId);
    this.thread = deriveThreadView(this.state);
    this.lastFreshMs = this.now();
    this.lastChangeMs = this.now();
    this.view = this.buildView();
  }

  // ---- public API ----------------------------------------------------------------------------

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getView = (): LiveView => this.view;

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts (or restarts, keeping the reducer state) the engine. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.haltedByRefusal = false;
    this.watchGate();
    this.lifetime = new AbortController();
    void this.run();
  }

  /** Aborts the stream and every timer. The state is kept for a later start(). */
  stop(): void {
    this.haltedByRefusal = false;
    this.unsubscribeGate?.();
    this.unsubscribeGate = undefined;
    this.halt();
  }

  private halt(): void {
    if (!this.running) return;
    this.running = false;
    this.lifetime.abort();
    this.streamAbort?.abort();
    for (const t of [this.flushTimer, this.pollTimer, this.recheckTimer]) if (t !== undefined) clearTimeout(t);
    this.flushTimer = this.pollTimer = this.recheckTimer = undefined;
    this.wakeStream?.();
    this.flush();
    this.stream = { kind: "idle" };
  }

  /** Reads GetThread now, e.g. after this page resumed or cancelled the thread. */
  async refresh(): Promise<void> {
    await this.poll();
  }

  // ---- the flow --------------------------------------------------------------------------------

  private async run(): Promise<void> {
    await this.poll();
    if (!this.running || this.fatalError !== undefined) return;
    void this.streamLoop(this.lifetime.signal);
  }

  private isFinal(): boolean {
    return isTerminalStatus(this.thread.status);
  }

  private async streamLoop(lifetime: AbortSignal): Promise<void> {
    while (!lifetime.aborted) {
      const abort = new AbortController();
      this.streamAbort = abort;
      this.setStream({ kind: "connecting", sinceMs: this.now() });
      let delivered = false;
      let failure: ConnectError | undefined;
      try {
        for await (const message of this.client.watchThread({ threadId: this.threadId }, { signal: abort.signal })) {
          const at = this.now();
          this.lastFreshMs = at;
          this.stream = { kind: "open", lastMessageMs: at };
          if (!delivered) {
            delivered = true;
            if (this.consecutiveFailures > 0 && this.everDelivered) this.reconnects += 1;
            this.everDelivered = true;
            this.consecutiveFailures = 0;
            this.streamUnimplemented = false;
            this.lastError = undefined;
            this.afterChange();
          }
          this.enqueue(message);
        }
      } catch (error) {
        failure = ConnectError.from(error);
      }
      this.flush();
      if (lifetime.aborted) return;
      if (failure === undefined || (failure.code === Code.Canceled && abort.signal.aborted)) {
        // The service closes the stream on a terminal status; confirm with GetThread otherwise.
        if (!this.isFinal()) await this.poll();
        if (lifetime.aborted) return;
        if (this.isFinal()) {
          this.setStream({ kind: "ended" });
          return;
        }
        failure = new ConnectError("the stream closed before the thread finished", Code.Unavailable);
      }
      this.lastError = failure;
      if (failure.code === Code.Unimplemented) this.streamUnimplemented = true;
      if (this.isFinal()) {
        // Finished meanwhile (seen by polling): one more try, only to load the whole timeline.
        if (this.finalRetryUsed || this.streamUnimplemented) {
          this.setStream({ kind: "ended" });
          return;
        }
        this.finalRetryUsed = true;
      }
      this.consecutiveFailures += 1;
      const delay = this.streamUnimplemented ? backoffMaxMs : backoffDelayMs(this.consecutiveFailures, this.random());
      this.setStream({ kind: "waiting", attempt: this.consecutiveFailures, nextAtMs: this.now() + delay });
      await this.sleep(delay, lifetime);
    }
  }

  private sleep(ms: number, lifetime: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (lifetime.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeStream = () => {
        this.wakeStream = undefined;
        done();
      };
    });
  }

  private async poll(): Promise<void> {
    if (this.pollInFlight || !this.running) return;
    this.pollInFlight = true;
    this.lastPollAtMs = this.now();
    const lifetime = this.lifetime.signal;
    try {
      const thread = await this.client.getThread({ threadId: this.threadId }, { signal: lifetime });
      if (lifetime.aborted) return;
      this.flush();
      this.state = applySnapshot(this.state, thread);
      this.lastPollFailed = false;
      this.consecutivePollFailures = 0;
      this.pollBackoffMs = 0;
      this.lastFreshMs = this.now();
    } catch (error) {
      if (lifetime.aborted) return;
      const failure = ConnectError.from(error);
      this.lastError = failure;
      this.lastPollFailed = true;
      this.consecutivePollFailures += 1;
      this.pollBackoffMs = backoffDelayMs(this.consecutivePollFailures, this.random());
      if (fatalCodes.has(failure.code) && !this.everDelivered && this.state.snapshot === undefined) {
        this.fatalError = failure;
        // Refused credentials may be accepted later (the gate reopens): keep following the gate.
        if (this.gate !== undefined && isAuthError(failure)) {
          this.halt();
          this.haltedByRefusal = true;
        } else {
          this.stop();
        }
        this.publish();
        return;
      }
    } finally {
      this.pollInFlight = false;
    }
    this.pollTimer = undefined;
    this.afterChange();
  }

  // ---- the call gate -------------------------------------------------------------------------------

  private watchGate(): void {
    const gate = this.gate;
    if (gate === undefined || this.unsubscribeGate !== undefined) return;
    this.gateSeen = gate.getSnapshot();
    this.unsubscribeGate = gate.subscribe(this.onGateChange);
  }

  private readonly onGateChange = (): void => {
    const gate = this.gate;
    if (gate === undefined) return;
    const previous = this.gateSeen;
    const next = gate.getSnapshot();
    this.gateSeen = next;
    if (!letsCallsThrough(previous) && letsCallsThrough(next)) this.onGateLetsCallsThrough();
    else if (this.running) this.afterChange();
  };

  /** The gate reopened, or allows a probe: what waited on it goes now (one call each). */
  private onGateLetsCallsThrough(): void {
    if (this.haltedByRefusal) {
      this.fatalError = undefined;
      this.lastError = undefined;
      this.start();
      this.publish();
      return;
    }
    if (!this.running) return;
    if (this.stream.kind === "waiting" && this.wakeStream !== undefined) {
      this.wakeStream();
    } else if (this.lastPollFailed && !this.pollInFlight) {
      if (this.pollTimer !== undefined) clearTimeout(this.pollTimer);
      this.pollTimer = undefined;
      void this.poll();
    }
    this.afterChange();
  }

  // ---- batching, decisions, publishing ---------------------------------------------------------

  private enqueue(message: WatchThreadResponse): void {
    this.pending.push(message);
    this.flushTimer ??= setTimeout(() => this.flush(), this.flushDelayMs);
  }

  private flush(): void {
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.state = applyEvents(this.state, batch);
    this.afterChange();
    // The stream is aborted once the events say the thread is final.
    if (this.state.fold.terminal !== undefined && this.stream.kind === "open") this.streamAbort?.abort();
  }

  private setStream(stream: StreamPhase): void {
    this.stream = stream;
    this.afterChange();
  }

  /** Re-derives everything from the current facts, reschedules polling, publishes if changed. */
  private afterChange(): void {
    const previous = this.view;
    if (previous.state !== this.state) {
      this.thread = deriveThreadView(this.state);
      this.lastChangeMs = this.now();
    }
    if (this.isFinal()) this.wakeStream?.();
    this.schedulePolling();
    this.publish();
  }

  private schedulePolling(): void {
    if (this.recheckTimer !== undefined) clearTimeout(this.recheckTimer);
    this.recheckTimer = undefined;
    if (!this.running) return;
    const now = this.now();
    this.polling = decidePolling({
      nowMs: now,
      status: this.thread.status,
      stream: this.stream,
      streamUnimplemented: this.streamUnimplemented,
      consecutiveFailures: this.consecutiveFailures,
      everDelivered: this.everDelivered,
      openAsk: this.thread.openAsk !== undefined,
      lastChangeMs: this.lastChangeMs,
    });
    if (this.polling.kind === "none" && this.state.snapshot === undefined && this.stream.kind !== "idle") {
      // The first GetThread failed (transiently): the header still needs it.
      this.polling = { kind: "check", intervalMs: snapshotRetryMs, reason: "quiet" };
    }
    if (this.polling.kind === "none") {
      if (this.pollTimer !== undefined) clearTimeout(this.pollTimer);
      this.pollTimer = undefined;
      if (this.polling.recheckInMs !== undefined) {
        this.recheckTimer = setTimeout(() => {
          this.recheckTimer = undefined;
          this.afterChange();
        }, this.polling.recheckInMs);
      }
      return;
    }
    if (this.pollTimer !== undefined || this.pollInFlight) return;
    // After failed polls the next one waits at least the backoff delay (0.5 s doubling up to
    // 30 s, with jitter), so a tab facing an unreachable server does not poll it every second.
    const interval = Math.max(this.polling.intervalMs, this.pollBackoffMs);
    const delay = Math.max(0, this.lastPollAtMs + interval - now);
    this.pollTimer = setTimeout(() => void this.poll(), delay);
  }

  private buildView(): LiveView {
    return {
      state: this.state,
      thread: this.thread,
      connection: deriveConnection({
        nowMs: this.now(),
        status: this.thread.status,
        stream: this.stream,
        polling: this.polling,
        lastPollFailed: this.lastPollFailed,
        consecutiveFailures: this.consecutiveFailures,
        lastFreshMs: this.lastFreshMs,
        gateRetryAtMs: this.gate === undefined ? undefined : gateRetryAt(this.gate.getSnapshot()),
      }),
      fatalError: this.fatalError,
      lastError: this.lastError,
      reconnects: this.reconnects,
    };
  }

  private publish(): void {
    const next = this.buildView();
    const prev = this.view;
    if (
      prev.state === next.state &&
      prev.thread === next.thread &&
      sameConnection(prev.connection, next.connection) &&
      prev.fatalError === next.fatalError &&
      prev.lastError === next.lastError &&
      prev.reconnects === next.reconnects
    ) {
      return;
    }
    this.view = next;
    for (const listener of this.listeners) listener();
  }
}

/** Whether the gate sends calls now (open), or sends the next one as a probe it was asked for. */
function letsCallsThrough(state: CallGateState | undefined): boolean {
  if (state === undefined) return false;
  switch (state.kind) {
    case "ok":
      return true;
    case "refused":
      return state.probeAllowed;
    case "unreachable":
      return false;
  }
}

/** When the gate sends its next call, while it holds calls for an unreachable service. */
function gateRetryAt(state: CallGateState): number | undefined {
  return state.kind === "unreachable" ? state.retryAt : undefined;
}

function sameConnection(a: ConnectionState, b: ConnectionState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// The durable store: better-sqlite3 in dataDir/sandbox.db (WAL, synchronous=NORMAL) or in memory.
// Threads, their stored steps and their ordered event logs. Sequences are assigned here, from 1,
// per thread, and never repeat or skip in the stored log: a mutation's step changes, thread
// changes and events are written in one transaction; high-rate yields are buffered and written
// in batches (every 50 ms, and always before the next ordinary transaction), so a crash can lose
// at most the last buffered yields, never leave a hole.
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { ThreadStatus } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { eventStepPath, type EventBody, type Mutation, type StepRecord, type StoredEvent, type ThreadRow } from "./model.js";

export interface ListQuery {
  statuses?: ThreadStatus[];
  scriptName?: string;
  /** Keyset: strictly after (older than) this key. */
  after?: { createdAtMs: number; threadId: string };
  limit: number;
}

/** The fields of a seeded (synthesized) thread; everything else is derived on demand. */
export interface SeedRow {
  threadId: string;
  scriptName: string;
  version: number;
  status: ThreadStatus;
  createdAtMs: number;
  inputJson: string;
  metadata: Record<string, string>;
}

interface ThreadDbRow {
  thread_id: string;
  script_name: string;
  version: number;
  status: number;
  created_at_ms: number;
  synth: number;
  input_json: string;
  metadata_json: string;
  state_json: string | null;
}

type StateFields = Omit<ThreadRow, "threadId" | "scriptName" | "version" | "status" | "createdAtMs" | "synth" | "inputJson" | "metadata" | "presented">;

const FLUSH_EVERY_MS = 50;

const INDEXES_SQL = `
  CREATE INDEX IF NOT EXISTS threads_by_time ON threads (created_at_ms DESC, thread_id DESC);
  CREATE INDEX IF NOT EXISTS threads_by_status ON threads (status, created_at_ms DESC, thread_id DESC);
  CREATE INDEX IF NOT EXISTS threads_by_script ON threads (script_name, created_at_ms DESC, thread_id DESC);
`;

export class Store {
  private readonly db: Database.Database;
  private readonly counters = new Map<string, { nextSeq: number; yields: number }>();
  private buffer: { threadId: string; event: StoredEvent }[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly listStatements = new Map<string, Database.Statement>();
  private readonly stmt;

  constructor(dataDir: string | null) {
    let file = ":memory:";
    if (dataDir !== null) {
      fs.mkdirSync(dataDir, { recursive: true });
      file = path.join(dataDir, "sandbox.db");
    }
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS threads (
        thread_id TEXT PRIMARY KEY,
        script_name TEXT NOT NULL,
        version INTEGER NOT NULL,
        status INTEGER NOT NULL,
        created_at_ms INTEGER NOT NULL,
        synth INTEGER NOT NULL DEFAULT 0,
        input_json TEXT NOT NULL,
        metadata_json TEXT NOT NULL,
        state_json TEXT
      ) WITHOUT ROWID;
      ${INDEXES_SQL}
      CREATE TABLE IF NOT EXISTS steps (
        thread_id TEXT NOT NULL,
        path TEXT NOT NULL,
        record_json TEXT NOT NULL,
        PRIMARY KEY (thread_id, path)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS events (
        thread_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        step_path TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        body_json TEXT NOT NULL,
        PRIMARY KEY (thread_id, seq)
      ) WITHOUT ROWID;
    `);
    this.stmt = {
      getThread: this.db.prepare<[string], ThreadDbRow>("SELECT * FROM threads WHERE thread_id = ?"),
      upsertThread: this.db.prepare(
        `INSERT INTO threads (thread_id, script_name, version, status, created_at_ms, synth, input_json, metadata_json, state_json)
         VALUES (@thread_id, @script_name, @version, @status, @created_at_ms, @synth, @input_json, @metadata_json, @state_json)
         ON CONFLICT (thread_id) DO UPDATE SET status = excluded.status, synth = excluded.synth, state_json = excluded.state_json`,
      ),
      upsertStep: this.db.prepare("INSERT OR REPLACE INTO steps (thread_id, path, record_json) VALUES (?, ?, ?)"),
      getStep: this.db.prepare<[string, string], { record_json: string }>("SELECT record_json FROM steps WHERE thread_id = ? AND path = ?"),
      getSteps: this.db.prepare<[string], { record_json: string }>("SELECT record_json FROM steps WHERE thread_id = ?"),
      insertEvent: this.db.prepare(
        "INSERT INTO events (thread_id, seq, kind, step_path, at_ms, body_json) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      events: this.db.prepare<[string, number], { seq: number; at_ms: number; body_json: string }>(
        "SELECT seq, at_ms, body_json FROM events WHERE thread_id = ? AND seq > ? ORDER BY seq",
      ),
      yields: this.db.prepare<[string, number], { seq: number; at_ms: number; body_json: string }>(
        "SELECT seq, at_ms, body_json FROM events WHERE thread_id = ? AND kind = 'valueYielded' ORDER BY seq LIMIT ?",
      ),
      counters: this.db.prepare<[string], { max_seq: number | null; yields: number }>(
        "SELECT MAX(seq) AS max_seq, COALESCE(SUM(kind = 'valueYielded'), 0) AS yields FROM events WHERE thread_id = ?",
      ),
      stepYields: this.db.prepare<[string, string], { n: number }>(
        "SELECT COUNT(*) AS n FROM events WHERE thread_id = ? AND kind = 'valueYielded' AND step_path = ?",
      ),
      count: this.db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM threads"),
      saveSynthState: this.db.prepare("UPDATE threads SET state_json = ?, status = ? WHERE thread_id = ? AND synth = 1 AND state_json IS NULL"),
      liveIds: this.db.prepare<[], { thread_id: string }>(
        `SELECT thread_id FROM threads WHERE status IN (${ThreadStatus.PENDING}, ${ThreadStatus.RUNNING}, ${ThreadStatus.PAUSED}) AND synth = 0`,
      ),
      getMeta: this.db.prepare<[string], { value: string }>("SELECT value FROM meta WHERE key = ?"),
      setMeta: this.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"),
    };
  }

  getMeta(key: string): string | undefined {
    return this.stmt.getMeta.get(key)?.value;
  }

  setMeta(key: string, value: string): void {
    this.stmt.setMeta.run(key, value);
  }

  countThreads(): number {
    return this.stmt.count.get()?.n ?? 0;
  }

  /** Ids of stored threads that are pending, running or paused. */
  liveThreadIds(): string[] {
    return this.stmt.liveIds.all().map((r) => r.thread_id);
  }

  getThread(threadId: string): ThreadRow | undefined {
    const r = this.stmt.getThread.get(threadId);
    return r === undefined ? undefined : rowFromDb(r);
  }

  insertThread(row: ThreadRow): void {
    this.flush();
    this.stmt.upsertThread.run(rowToDb(row));
  }

  /** Seeds many threads in one transaction. */
  insertSeeds(rows: Iterable<SeedRow>): number {
    const insert = this.db.prepare(
      `INSERT INTO threads (thread_id, script_name, version, status, created_at_ms, synth, input_json, metadata_json, state_json)
       VALUES (?, ?, ?, ?, ?, 1, ?, ?, NULL)`,
    );
    let n = 0;
    // Secondary indexes are rebuilt after the bulk insert (one sort instead of 3 million
    // random B-tree inserts), with a large page cache for the duration.
    // The store is empty (seeding happens only then): write pages once, straight into the
    // database file (no WAL copy and checkpoint), then go back to WAL.
    const cache = this.db.pragma("cache_size", { simple: true }) as number;
    this.db.pragma("cache_size = -262144");
    this.db.pragma("journal_mode = MEMORY");
    try {
      this.db.transaction(() => {
        this.db.exec("DROP INDEX IF EXISTS threads_by_time; DROP INDEX IF EXISTS threads_by_status; DROP INDEX IF EXISTS threads_by_script;");
        for (const r of rows) {
          insert.run(r.threadId, r.scriptName, r.version, r.status, r.createdAtMs, r.inputJson, JSON.stringify(r.metadata));
          n++;
        }
        this.db.exec(INDEXES_SQL);
      })();
    } finally {
      this.db.pragma("journal_mode = WAL");
      this.db.pragma(`cache_size = ${cache}`);
    }
    this.listStatements.clear();
    return n;
  }

  /**
   * Remembers the synthesized rows of seeded threads (their state, the seed stays a seed), so the
   * next ListThreads/GetThread of them reads the row instead of synthesizing it.
   */
  saveSynthRows(rows: readonly ThreadRow[]): void {
    if (rows.length === 0) return;
    this.db.transaction(() => {
      // The status too: a few seeds end otherwise than seeded (a "cancelled" fanout that finished
      // before its cancellation), and the status filter must agree with the row from now on.
      for (const r of rows) this.stmt.saveSynthState.run(JSON.stringify(stateOf(r)), r.status, r.threadId);
    })();
  }

  /** Writes a synthesized thread for real (its row, steps and log) so it can change from now on. */
  materialize(row: ThreadRow, steps: readonly StepRecord[], events: readonly StoredEvent[]): void {
    this.flush();
    this.db.transaction(() => {
      this.stmt.upsertThread.run(rowToDb({ ...row, synth: false }));
      for (const s of steps) this.stmt.upsertStep.run(row.threadId, s.path, JSON.stringify(s));
      for (const e of events) this.insertEventRow(row.threadId, e);
    })();
    const last = events[events.length - 1];
    this.counters.set(row.threadId, {
      nextSeq: (last?.seq ?? 0) + 1,
      yields: events.filter((e) => e.body.case === "valueYielded").length,
    });
  }

  private counter(threadId: string): { nextSeq: number; yields: number } {
    let c = this.counters.get(threadId);
    if (c === undefined) {
      const r = this.stmt.counters.get(threadId);
      c = { nextSeq: (r?.max_seq ?? 0) + 1, yields: r?.yields ?? 0 };
      this.counters.set(threadId, c);
    }
    return c;
  }

  yieldCount(threadId: string): number {
    return this.counter(threadId).yields;
  }

  stepYieldCount(threadId: string, stepPath: string): number {
    this.flush();
    return this.stmt.stepYields.get(threadId, stepPath)?.n ?? 0;
  }

  private insertEventRow(threadId: string, e: StoredEvent): void {
    this.stmt.insertEvent.run(threadId, e.seq, e.body.case, eventStepPath(e.body), e.atMs, JSON.stringify(e.body));
  }

  /**
   * Applies a mutation to a stored thread: assigns the events' sequences and writes everything
   * in one transaction (buffered: events only, written within 50 ms). Returns the stored events.
   */
  commit(threadId: string, mutation: Mutation, buffered = false): StoredEvent[] {
    const c = this.counter(threadId);
    const stored: StoredEvent[] = (mutation.events ?? []).map((e) => {
      const s = { ...e, seq: c.nextSeq++ };
      if (e.body.case === "valueYielded") c.yields++;
      return s;
    });
    if (buffered && mutation.thread === undefined && (mutation.steps ?? []).length === 0) {
      for (const event of stored) this.buffer.push({ threadId, event });
      this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_EVERY_MS).unref();
      return stored;
    }
    const row = mutation.thread === undefined ? undefined : this.getThread(threadId);
    this.db.transaction(() => {
      this.flushBuffer();
      if (row !== undefined) this.stmt.upsertThread.run(rowToDb({ ...row, ...mutation.thread }));
      for (const s of mutation.steps ?? []) this.stmt.upsertStep.run(threadId, s.path, JSON.stringify(s));
      for (const e of stored) this.insertEventRow(threadId, e);
    })();
    return stored;
  }

  private flushBuffer(): void {
    if (this.flushTimer !== undefined) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
    }
    const pending = this.buffer;
    this.buffer = [];
    for (const { threadId, event } of pending) this.insertEventRow(threadId, event);
  }

  flush(): void {
    if (this.buffer.length === 0 && this.flushTimer === undefined) return;
    this.db.transaction(() => this.flushBuffer())();
  }

  step(threadId: string, stepPath: string): StepRecord | undefined {
    const r = this.stmt.getStep.get(threadId, stepPath);
    return r === undefined ? undefined : (JSON.parse(r.record_json) as StepRecord);
  }

  steps(threadId: string): StepRecord[] {
    return this.stmt.getSteps.all(threadId).map((r) => JSON.parse(r.record_json) as StepRecord);
  }

  /** The stored log after `afterSeq` (buffered events included). */
  events(threadId: string, afterSeq = 0): StoredEvent[] {
    this.flush();
    return this.stmt.events.all(threadId, afterSeq).map((r) => ({ seq: r.seq, atMs: r.at_ms, body: JSON.parse(r.body_json) as EventBody }));
  }

  /** The first `limit` yields of a thread. */
  yields(threadId: string, limit: number): StoredEvent[] {
    this.flush();
    return this.stmt.yields.all(threadId, limit).map((r) => ({ seq: r.seq, atMs: r.at_ms, body: JSON.parse(r.body_json) as EventBody }));
  }

  /** Newest first: created_at_ms desc, thread_id desc; keyset paging. */
  listThreads(q: ListQuery): ThreadRow[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (q.statuses !== undefined) {
      where.push(`status IN (${q.statuses.map(() => "?").join(", ")})`);
      params.push(...q.statuses);
    }
    if (q.scriptName !== undefined) {
      where.push("script_name = ?");
      params.push(q.scriptName);
    }
    if (q.after !== undefined) {
      where.push("(created_at_ms < ? OR (created_at_ms = ? AND thread_id < ?))");
      params.push(q.after.createdAtMs, q.after.createdAtMs, q.after.threadId);
    }
    const sql = `SELECT * FROM threads ${where.length > 0 ? "WHERE " + where.join(" AND ") : ""} ORDER BY created_at_ms DESC, thread_id DESC LIMIT ?`;
    let stmt = this.listStatements.get(sql);
    if (stmt === undefined) {
      stmt = this.db.prepare(sql);
      this.listStatements.set(sql, stmt);
    }
    return (stmt.all(...params, q.limit) as ThreadDbRow[]).map(rowFromDb);
  }

  close(): void {
    this.flush();
    this.db.close();
  }
}

function stateOf(row: ThreadRow): StateFields {
  const { threadId, scriptName, version, status, createdAtMs, synth, inputJson, metadata, presented, ...state } = row;
  void [threadId, scriptName, version, status, createdAtMs, synth, inputJson, metadata, presented];
  return state;
}

function rowToDb(row: ThreadRow): ThreadDbRow {
  const { threadId, scriptName, version, status, createdAtMs, synth, inputJson, metadata } = row;
  const state = stateOf(row);
  return {
    thread_id: threadId,
    script_name: scriptName,
    version,
    status,
    created_at_ms: createdAtMs,
    synth: synth ? 1 : 0,
    input_json: inputJson,
    metadata_json: JSON.stringify(metadata),
    state_json: synth ? null : JSON.stringify(state satisfies StateFields),
  };
}

function rowFromDb(r: ThreadDbRow): ThreadRow {
  const base = {
    threadId: r.thread_id,
    scriptName: r.script_name,
    version: r.version,
    status: r.status as ThreadStatus,
    createdAtMs: r.created_at_ms,
    synth: r.synth === 1,
    inputJson: r.input_json,
    metadata: JSON.parse(r.metadata_json) as Record<string, string>,
  };
  const state: StateFields =
    r.state_json === null
      ? {
          error: "",
          currentStepPath: "",
          currentStepName: "",
          totalSteps: 0,
          completedSteps: 0,
          startedAtMs: 0,
          finishedAtMs: 0,
          updatedAtMs: r.created_at_ms,
          cursor: 0,
          failReason: "",
          recoverableStepPath: "",
          output: null,
          outputTotalBytes: 0,
          cancelReason: "",
        }
      : (JSON.parse(r.state_json) as StateFields);
  return r.synth === 1 && r.state_json !== null ? { ...base, ...state, presented: true } : { ...base, ...state };
}

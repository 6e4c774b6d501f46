// Where the time of a big StreamThreadResult goes on the server side, in CPU time (wall times on a
// loaded 2-core machine mislead; CPU times much less):
//   npx tsx server/sandbox/bench/threadResult.ts [MB=500]
// 1. In process, stage by stage, for the same `big-export` output: generating the chunks
//    (outputChunks), the same plus building and serializing each message (toBinary, as Connect's
//    serializer does), the same plus the 5-byte envelope copy Connect adds.
// 2. Over HTTP, the real server (server/main.ts, as `npm start` runs it, interceptors included)
//    in a child process: a Connect binary StreamThreadResult read by a byte-counting loop, and the
//    same number of bytes from bench/lib/rawServer.mjs (one reused buffer, as bench/run.mjs's
//    reference); wall MiB/s and each server's CPU ms per MiB (from /proc).
// Environment:
//   RUNS=n          runs of each measurement (default 3)
//   HTTP_ONLY=1     skips part 1
//   SEED_THREADS=n  seeds the store as bench/run.mjs does (100000)
//   CHUNK_KIB=n     asks for max_chunk_bytes of n KiB (default: none, the server's 2 MiB)
//   SERVER_ROOT=dir runs the server of another checkout, for a before/after
//                   (`git archive HEAD | tar -x -C dir`, then link node_modules into it)
//   CPU_PROF_DIR=d  writes the server's CPU profile there (node --cpu-prof) when it stops
//   PORT=n          the server's port (default 7497; the reference server takes n + 1)
import { create, toBinary } from "@bufbuild/protobuf";
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { StreamThreadResultResponseSchema } from "../../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { bigJsonSource } from "../bigJson.js";
import { i64 } from "../int64.js";
import { outputChunks } from "../results.js";
import { exportOutputSpec } from "../scripts/bigExport.js";

const MiB = 1024 * 1024;
const CHUNK = 2 * MiB;
const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
/** SERVER_ROOT=dir runs the server of another checkout (e.g. an export of HEAD, for a before/after). */
const root = process.env["SERVER_ROOT"] ?? here;
const runs = Number(process.env["RUNS"] ?? 3);
const service = "dodil.scriptum.v1.ScriptumService";

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** CPU ms a child process used so far (utime + stime from /proc, in clock ticks of 10 ms). */
function childCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function stage(name: string, bytes: number, body: () => void): void {
  for (let r = 0; r < runs; r++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    body();
    const cpu = cpuMs() - c0;
    const wall = performance.now() - t0;
    console.log(JSON.stringify({ stage: name, run: r, cpuMsPerMiB: +(cpu / (bytes / MiB)).toFixed(2), cpuMiBps: Math.round(bytes / MiB / (cpu / 1000)), wallMiBps: Math.round(bytes / MiB / (wall / 1000)) }));
  }
}

function inProcess(mb: number): void {
  const spec = exportOutputSpec("thr_bench", mb);
  const src = bigJsonSource(spec);
  const count = Math.ceil(src.size / CHUNK);
  const message = (i: number, data: Uint8Array) =>
    create(StreamThreadResultResponseSchema, { chunk: { case: "data", value: { chunkIndex: i64(i), data, isFinal: i === count - 1 } } });
  stage("generate (outputChunks)", src.size, () => {
    for (const data of outputChunks(src, CHUNK)) void data;
  });
  stage("generate+toBinary", src.size, () => {
    let i = 0;
    for (const data of outputChunks(src, CHUNK)) toBinary(StreamThreadResultResponseSchema, message(i++, data));
  });
  stage("generate+toBinary+envelope", src.size, () => {
    let i = 0;
    for (const chunk of outputChunks(src, CHUNK)) {
      const data = toBinary(StreamThreadResultResponseSchema, message(i++, chunk));
      const env = new Uint8Array(data.length + 5);
      env.set(data, 5);
    }
  });
}

async function rpc(base: string, method: string, body: unknown): Promise<Record<string, unknown>> {
  const r = await fetch(`${base}/${service}/${method}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`${method} ${r.status}: ${await r.text()}`);
  return (await r.json()) as Record<string, unknown>;
}

/** Reads a response body, counting bytes; returns [bytes, ms]. */
async function drain(response: Response, t0: number): Promise<[number, number]> {
  let bytes = 0;
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
  }
  return [bytes, performance.now() - t0];
}

/** A Connect envelope of StreamThreadResultRequest{thread_id, max_chunk_bytes}. */
function streamRequest(threadId: string, maxChunkBytes: number): Uint8Array {
  const id = new TextEncoder().encode(threadId);
  const varint: number[] = [];
  for (let n = maxChunkBytes; n > 0; n = Math.floor(n / 128)) varint.push((n % 128) | (n >= 128 ? 128 : 0));
  const msg = new Uint8Array([0x0a, id.length, ...id, ...(maxChunkBytes > 0 ? [0x10, ...varint] : [])]);
  const body = new Uint8Array(5 + msg.length);
  new DataView(body.buffer).setUint32(1, msg.length);
  body.set(msg, 5);
  return body;
}

async function startServer(port: number): Promise<ChildProcess> {
  const profile = process.env["CPU_PROF_DIR"] === undefined ? [] : ["--cpu-prof", "--cpu-prof-dir", process.env["CPU_PROF_DIR"] as string];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", "server/main.ts", "--port", String(port), "--grpc-port", "0", "--memory", "--seed-threads", process.env["SEED_THREADS"] ?? "0", "--speed", "1000"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error("the server did not start");
}

async function overHttp(mb: number): Promise<void> {
  const port = Number(process.env["PORT"] ?? 7497);
  const maxChunkBytes = Number(process.env["CHUNK_KIB"] ?? 0) * 1024;
  const base = `http://127.0.0.1:${port}`;
  const child = await startServer(port);
  const pid = child.pid as number;
  // The reference: bench/lib/rawServer.mjs (what bench/run.mjs's output scenario fetches), also a
  // child process, so that its CPU time can be read the same way.
  const rawPort = port + 1;
  const raw = spawn(process.execPath, [path.join(here, "bench/lib/rawServer.mjs"), String(rawPort)], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((r) => raw.stdout?.once("data", r));
  try {
    const { threadId } = (await rpc(base, "CreateThread", { scriptName: "big-export", inputJson: JSON.stringify({ mb }) })) as { threadId: string };
    while ((await rpc(base, "GetThread", { threadId }))["status"] !== "THREAD_STATUS_COMPLETED") await new Promise((r) => setTimeout(r, 200));
    for (let r = 0; r < runs; r++) {
      const c0 = childCpuMs(pid);
      const t0 = performance.now();
      const response = await fetch(`${base}/${service}/StreamThreadResult`, {
        method: "POST",
        headers: { "content-type": "application/connect+proto", "connect-protocol-version": "1" },
        body: streamRequest(threadId, maxChunkBytes) as BodyInit,
      });
      const [bytes, ms] = await drain(response, t0);
      const serverCpu = childCpuMs(pid) - c0;
      const r0 = childCpuMs(raw.pid as number);
      const t1 = performance.now();
      const [rawBytes, rawMs] = await drain(await fetch(`http://127.0.0.1:${rawPort}/payload?bytes=${bytes}`), t1);
      const rawCpu = childCpuMs(raw.pid as number) - r0;
      console.log(
        JSON.stringify({
          run: r,
          chunkKiB: maxChunkBytes / 1024 || "default",
          connectMiBps: Math.round(bytes / MiB / (ms / 1000)),
          plainMiBps: Math.round(rawBytes / MiB / (rawMs / 1000)),
          ratio: +(bytes / ms / (rawBytes / rawMs)).toFixed(2),
          serverCpuMsPerMiB: +(serverCpu / (bytes / MiB)).toFixed(2),
          plainServerCpuMsPerMiB: +(rawCpu / (rawBytes / MiB)).toFixed(2),
        }),
      );
    }
  } finally {
    raw.kill();
    // SIGINT lets the server stop by itself, so that --cpu-prof writes its profile.
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGINT");
    await exited;
  }
}

async function main(): Promise<void> {
  const mb = Number(process.argv[2] ?? 500);
  if (process.env["HTTP_ONLY"] === undefined) inProcess(mb);
  await overHttp(mb);
}

void main();

// Where "Save bundle" writes: a directory the user picked (File System Access API), or one .zip
// streamed into a file sink (fflate's Zip with stored, uncompressed entries). Files are written
// one after another; each is streamed, so the bundle never has to fit in memory.
import { Zip, ZipPassThrough } from "fflate";
import type { ByteSink } from "./byteSink";
import { SaveCancelled, writableSink } from "./byteSink";

export interface FileWriter {
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface BundleWriter {
  readonly kind: "directory" | "zip";
  /** path: "output.json" or "steps/1.2.0.json"; at most one folder level. */
  open(path: string): Promise<FileWriter>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

interface DirHandleLike {
  getDirectoryHandle(name: string, options: { create: boolean }): Promise<DirHandleLike>;
  getFileHandle(name: string, options: { create: boolean }): Promise<{
    createWritable(): Promise<{ write(d: Uint8Array): Promise<void>; close(): Promise<void>; abort(): Promise<void> }>;
  }>;
}
interface DirectoryPickerWindow {
  showDirectoryPicker?: (options?: { mode?: "readwrite" }) => Promise<DirHandleLike>;
}

export function canPickDirectory(): boolean {
  return typeof window !== "undefined" && typeof (window as DirectoryPickerWindow).showDirectoryPicker === "function";
}

/** Asks for a directory and makes a folder named `folder` in it for the bundle. */
export async function pickDirectoryWriter(folder: string): Promise<BundleWriter> {
  const w = window as DirectoryPickerWindow;
  if (w.showDirectoryPicker === undefined) throw new Error("This browser cannot write to a folder.");
  let root: DirHandleLike;
  try {
    root = await w.showDirectoryPicker({ mode: "readwrite" });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw new SaveCancelled();
    throw err;
  }
  return directoryWriter(await root.getDirectoryHandle(folder, { create: true }));
}

export function directoryWriter(dir: DirHandleLike): BundleWriter {
  const subdirs = new Map<string, Promise<DirHandleLike>>();
  return {
    kind: "directory",
    async open(path) {
      const slash = path.indexOf("/");
      let target = dir;
      let name = path;
      if (slash !== -1) {
        const sub = path.slice(0, slash);
        let h = subdirs.get(sub);
        if (h === undefined) {
          h = dir.getDirectoryHandle(sub, { create: true });
          subdirs.set(sub, h);
        }
        target = await h;
        name = path.slice(slash + 1);
      }
      const file = await target.getFileHandle(name, { create: true });
      const sink = writableSink(await file.createWritable());
      return { write: (b) => sink.write(b), close: () => sink.close() };
    },
    close: async () => undefined,
    abort: async () => undefined,
  };
}

/** A streamed zip: entries are stored (not compressed) and written to the sink as they come. */
export function zipWriter(sink: ByteSink): BundleWriter {
  let failure: unknown;
  let chain: Promise<void> = Promise.resolve();
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const zip = new Zip((err, data, final) => {
    if (err !== null) {
      failure = err;
      return;
    }
    chain = chain.then(() => sink.write(data)).catch((e: unknown) => {
      failure = e;
    });
    if (final) void chain.then(done);
  });
  const check = () => {
    if (failure !== undefined) throw failure instanceof Error ? failure : new Error(String(failure));
  };
  return {
    kind: "zip",
    async open(path) {
      check();
      const entry = new ZipPassThrough(path);
      entry.mtime = Date.now();
      zip.add(entry);
      return {
        async write(bytes) {
          check();
          entry.push(bytes, false);
          await chain; // back-pressure: never run ahead of the sink
        },
        async close() {
          entry.push(new Uint8Array(0), true);
          await chain;
          check();
        },
      };
    },
    async close() {
      zip.end();
      await finished;
      await chain;
      check();
      await sink.close();
    },
    async abort() {
      zip.terminate();
      await sink.abort();
    },
  };
}

// Where "Save bundle" writes: a directory the user picked (File System Access API), or one .zip
// streamed into a file sink (bundleZip.ts: stored, uncompressed entries). Files are written one
// after another; each is streamed, so the bundle never has to fit in memory.
import type { ByteSink } from "./byteSink";
import { SaveCancelled, writableSink } from "./byteSink";
import { ZipStream } from "./bundleZip";

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

/**
 * A streamed zip (bundleZip.ts): entries are stored (not compressed) and written to the sink as
 * they come; per entry only ~25 bytes stay for the central directory.
 */
export function zipWriter(sink: ByteSink, mtimeMs = Date.now()): BundleWriter & { readonly zip: ZipStream } {
  const zip = new ZipStream((b) => sink.write(b), mtimeMs);
  return {
    kind: "zip",
    zip,
    open: async (path) => zip.open(path),
    async close() {
      await zip.close();
      await sink.close();
    },
    async abort() {
      await sink.abort();
    },
  };
}

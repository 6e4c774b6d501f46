// What every download target implements (byteSink.ts, streamDownload.ts), apart so that the
// stream sink and the sink chooser do not import each other.

export interface ByteSink {
  /** "file": the File System Access API; "stream": streamed through the download service worker;
   *  "blob": gathered into a Blob first (the last resort). */
  readonly kind: "file" | "stream" | "blob";
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

export class SaveCancelled extends Error {
  constructor() {
    super("Saving was cancelled");
    this.name = "SaveCancelled";
  }
}

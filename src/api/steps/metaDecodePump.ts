// Decodes a StepMetaTap's summaries while the meta still arrives: in slices of SLICE_STEPS with a
// zero-delay yield between them (a MessageChannel, not setTimeout, which browsers clamp to 4 ms),
// so that network chunks keep flowing into the tap and the client reads the stand-in (and cancels
// the call) within a slice of the last byte. What is left when the stand-in comes, finish()
// decodes; a malformed meta stops the pump quietly and finish() reports it.
import { SLICE_STEPS, type StepMetaTap } from "./stepMetaTap";

export class MetaDecodePump {
  private running = false;
  private stopped = false;
  private readonly channel = new MessageChannel();

  constructor(private readonly tap: StepMetaTap) {
    this.channel.port1.onmessage = () => this.run();
  }

  /** New bytes arrived: decode them soon. */
  kick(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    this.channel.port2.postMessage(null);
  }

  stop(): void {
    this.stopped = true;
    this.channel.port1.close();
  }

  private run(): void {
    if (this.stopped) return;
    let decoded = 0;
    try {
      decoded = this.tap.decodeAvailable(SLICE_STEPS);
    } catch {
      this.stop();
      return;
    }
    if (decoded === SLICE_STEPS) {
      this.channel.port2.postMessage(null);
      return;
    }
    this.running = false;
  }
}

// Server interceptor applying the injected faults, and counting every open server stream. It is
// installed always: without --enable-fault-injection nobody can change the state from NO_FAULTS,
// and it only counts streams.
import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import type { FaultController } from "./fault-controller";
import { immediateFaultCode, isBuffering } from "./fault-state";
import { superviseStream } from "./supervised-stream";

export function faultInterceptor(faults: FaultController): Interceptor {
  return (next) => async (req) => {
    const latencyMs = faults.state().latencyMs;
    if (latencyMs > 0) await delay(latencyMs, req.signal);
    const method = { name: req.method.name, stream: req.stream };
    const code = immediateFaultCode(faults.state(), method);
    if (code !== null) {
      throw new ConnectError(`fault injection: ${req.method.name} answers ${Code[code]}`, code);
    }
    if (!req.stream) return await next(req);

    const stream = faults.openStream(req.method.name);
    // The call's signal aborts when its HTTP exchange is over, even if the messages were never read.
    req.signal.addEventListener("abort", () => stream.close(), { once: true });
    const stop = new AbortController();
    void stream.dropped.then(() => {
      stop.abort(new ConnectError("stream dropped by fault injection", Code.Unavailable));
    });
    try {
      const res = await next({ ...req, signal: AbortSignal.any([req.signal, stop.signal]) });
      if (!res.stream) return res;
      return {
        ...res,
        message: superviseStream(res.message, {
          signal: req.signal,
          dropped: stream.dropped,
          buffering: () => isBuffering(faults.state(), req.method.name),
          nextChange: () => faults.nextChange(),
          onClose: () => {
            stream.close();
            stop.abort();
          },
        }),
      };
    } catch (error) {
      stream.close();
      throw error;
    }
  };
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(ConnectError.from(signal.reason, Code.Canceled));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(ConnectError.from(signal.reason, Code.Canceled));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

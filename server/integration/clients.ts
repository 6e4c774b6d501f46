// Real network clients of the console server, one per protocol it speaks.
import { createClient, type Client, type Transport } from "@connectrpc/connect";
import {
  createConnectTransport,
  createGrpcTransport,
  createGrpcWebTransport,
} from "@connectrpc/connect-node";
import { ScriptumService } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb";

export type Protocol = "connect" | "grpc-web" | "grpc";
export const PROTOCOLS: readonly Protocol[] = ["connect", "grpc-web", "grpc"];

export type ScriptumClient = Client<typeof ScriptumService>;

export function transportFor(protocol: Protocol, server: { url: string; grpcUrl: string }): Transport {
  switch (protocol) {
    case "connect":
      return createConnectTransport({ baseUrl: server.url, httpVersion: "1.1" });
    case "grpc-web":
      return createGrpcWebTransport({ baseUrl: server.url, httpVersion: "1.1" });
    case "grpc":
      return createGrpcTransport({ baseUrl: server.grpcUrl });
  }
}

export function clientFor(protocol: Protocol, server: { url: string; grpcUrl: string }): ScriptumClient {
  return createClient(ScriptumService, transportFor(protocol, server));
}

// Builds the one Transport the console uses, from the connection settings: Connect (default) or
// gRPC-Web, to the configured endpoint or to the page's own origin. App creates it; tests pass an
// in-memory createRouterTransport instead, through the same context.
import { createContext, useContext } from "react";
import type { Transport } from "@connectrpc/connect";
import { createConnectTransport, createGrpcWebTransport } from "@connectrpc/connect-web";
import { resolveBaseUrl } from "./connectionValidation";
import { createAuthInterceptor, type AuthHeaders } from "./interceptors";
import { outputTapFetch, outputTapInterceptor } from "./results/outputTapFetch";

export type Protocol = "connect" | "grpc-web";

export const PROTOCOLS: readonly Protocol[] = ["connect", "grpc-web"];

export interface TransportSettings {
  /** Empty: the page's own origin. */
  endpoint: string;
  protocol: Protocol;
  /** Read on every call (a promise: the call waits for it). */
  auth: () => AuthHeaders | Promise<AuthHeaders>;
}

export function createAppTransport(
  settings: TransportSettings,
  pageOrigin: string = window.location.origin,
): Transport {
  const baseUrl = resolveBaseUrl(settings.endpoint, pageOrigin);
  // The output tap's interceptor runs last, just before fetch (results/outputTapFetch.ts).
  const interceptors = [createAuthInterceptor(settings.auth), outputTapInterceptor];
  const fetch = outputTapFetch();
  switch (settings.protocol) {
    case "connect":
      return createConnectTransport({ baseUrl, interceptors, useBinaryFormat: true, fetch });
    case "grpc-web":
      return createGrpcWebTransport({ baseUrl, interceptors, useBinaryFormat: true, fetch });
  }
}

/** Makes a transport for given settings (the settings page tests a draft with it). */
export type TransportFactory = (settings: TransportSettings) => Transport;

export const TransportFactoryContext = createContext<TransportFactory>((settings) =>
  createAppTransport(settings),
);

export function useTransportFactory(): TransportFactory {
  return useContext(TransportFactoryContext);
}

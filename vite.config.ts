import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

// The sandbox Scriptum (`npm run dev` starts it): the console's calls and the management and
// test endpoints are proxied to it, so the dev page talks to its own origin exactly as the built
// console does when the server serves it.
const SANDBOX = "http://127.0.0.1:7330";
const PROXIED_PATHS = ["/dodil.scriptum.v1.ScriptumService", "/__sandbox", "/health", "/ready"];

// Chunks: the framework in one long-cached "vendor" chunk, the Connect/protobuf runtime in
// "connect"; everything else (pages, recharts and its d3 dependencies) stays in the lazy chunks
// that import it, so the /threads entry never carries the charts.
const VENDOR_PACKAGES = new Set([
  "react",
  "react-dom",
  "scheduler",
  "react-router",
  "cookie",
  "set-cookie-parser",
  "@tanstack/react-query",
  "@tanstack/query-core",
  "zustand",
]);
const CONNECT_PACKAGES = new Set(["@bufbuild/protobuf", "@connectrpc/connect", "@connectrpc/connect-web"]);

/** The npm package a module belongs to (the innermost node_modules wins), or undefined. */
export function packageOf(id: string): string | undefined {
  const normalized = id.replaceAll("\\", "/");
  const at = normalized.lastIndexOf("/node_modules/");
  if (at === -1) return undefined;
  const parts = normalized.slice(at + "/node_modules/".length).split("/");
  const [first, second] = parts;
  if (first === undefined) return undefined;
  return first.startsWith("@") && second !== undefined ? `${first}/${second}` : first;
}

function manualChunks(id: string): string | undefined {
  const pkg = packageOf(id);
  if (pkg === undefined) return undefined;
  if (VENDOR_PACKAGES.has(pkg)) return "vendor";
  if (CONNECT_PACKAGES.has(pkg)) return "connect";
  return undefined;
}

// The built page carries a strict Content-Security-Policy of its own (no inline script or style),
// so a violation shows up in every browser test even before the server adds its headers, which
// narrow it further (connect-src, frame-ancestors). Not in dev: Vite's dev client injects styles.
const BUILD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' http: https:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

function cspMeta(): Plugin {
  return {
    name: "scriptum-console:csp-meta",
    apply: "build",
    transformIndexHtml() {
      return [
        {
          tag: "meta",
          attrs: { "http-equiv": "Content-Security-Policy", content: BUILD_CSP },
          injectTo: "head-prepend",
        },
      ];
    },
  };
}

export default defineConfig({
  plugins: [react(), cspMeta()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: true,
    rollupOptions: {
      output: { manualChunks },
    },
  },
  server: {
    host: "127.0.0.1",
    port: 5173,
    strictPort: true,
    proxy: Object.fromEntries(PROXIED_PATHS.map((path) => [path, { target: SANDBOX, changeOrigin: false }])),
  },
  preview: {
    host: "127.0.0.1",
    port: 4173,
    strictPort: true,
  },
});

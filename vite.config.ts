import { randomBytes } from "node:crypto";
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { securityHeaders } from "./server/http/security-headers";

// The sandbox Scriptum (`npm run dev` starts it): the console's calls and the management and
// test endpoints are proxied to it, so the dev page talks to its own origin exactly as the built
// console does when the server serves it.
const SANDBOX = "http://127.0.0.1:7330";
const PROXIED_PATHS = ["/dodil.scriptum.v1.ScriptumService", "/__sandbox", "/__console", "/health", "/ready"];

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

// The entry (src/main.tsx) imports nothing statically: it loads the framework and the app in steps,
// so the boot is not one long task. Its dynamic imports and their static imports are all needed at
// once, so index.html preloads them (fetched and compiled in parallel with the entry, as static
// imports would be, and evaluated only when the entry asks).
function bootPreload(): Plugin {
  return {
    name: "scriptum-console:boot-preload",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        const bundle = ctx.bundle;
        const entry = ctx.chunk;
        if (bundle === undefined || entry === undefined) return [];
        const files = new Set<string>();
        const visit = (file: string): void => {
          const chunk = bundle[file];
          if (files.has(file) || file === entry.fileName || chunk === undefined || chunk.type !== "chunk") return;
          files.add(file);
          for (const next of chunk.imports) visit(next);
        };
        for (const file of entry.dynamicImports) visit(file);
        return [...files].map((file) => ({
          tag: "link",
          attrs: { rel: "modulepreload", crossorigin: true, href: `/${file}` },
          injectTo: "head" as const,
        }));
      },
    },
  };
}

// The built page carries a strict Content-Security-Policy of its own (no inline script or style),
// so a violation shows up in every browser test even before the server adds its headers, which
// narrow it further (connect-src, frame-ancestors). Not in dev: there devCsp() below sends the
// server's headers instead.
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

// The dev server sends the served console's security headers (server/http/security-headers.ts), so
// a violation shows up during development. Two things of Vite's dev mode need care:
// - @vitejs/plugin-react injects the React Refresh preamble as an inline <script>, which
//   script-src 'self' blocks: it is moved into a served module (REFRESH_PREAMBLE_PATH), so
//   script-src stays exactly 'self'.
// - Vite's client adds CSS as <style> elements (that is how hot reload replaces it). Vite gives them
//   the nonce of html.cspNonce, so style-src is 'self' plus that nonce (random per dev-server
//   start) — never 'unsafe-inline'. The built console needs neither: it links its CSS files.
// connect-src adds the HMR websocket of the dev origin (ws://host:port).
export const REFRESH_PREAMBLE_PATH = "/@react-refresh-preamble.js";

/** The dev server's security headers for a request to `host` (the Host header, e.g. 127.0.0.1:5173). */
export function devSecurityHeaders(host: string, styleNonce: string): Record<string, string> {
  const headers = securityHeaders({ connectSrc: [`ws://${host}`] });
  const csp = headers["Content-Security-Policy"] ?? "";
  const styleSrc = "style-src 'self'";
  if (!csp.includes(`${styleSrc};`)) throw new Error(`the console's CSP has no "${styleSrc}" directive: ${csp}`);
  headers["Content-Security-Policy"] = csp.replace(`${styleSrc};`, `${styleSrc} 'nonce-${styleNonce}';`);
  return headers;
}

/** Replaces plugin-react's inline preamble <script> with one that loads it from REFRESH_PREAMBLE_PATH. */
export function moveRefreshPreamble(html: string): string {
  return html.replace(/<script\b([^>]*)>([\s\S]*?)<\/script>/g, (whole, attrs: string, body: string) => {
    if (!body.includes("injectIntoGlobalHook") || /\bsrc\s*=/.test(attrs)) return whole;
    return `<script type="module" src="${REFRESH_PREAMBLE_PATH}"></script>`;
  });
}

const HOST_HEADER = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

function devCsp(): Plugin {
  const styleNonce = randomBytes(18).toString("base64url");
  const preamble = react.preambleCode.replace("__BASE__", "/");
  let fallbackHost = "127.0.0.1:5173";
  return {
    name: "scriptum-console:dev-csp",
    apply: "serve",
    config: () => ({ html: { cspNonce: styleNonce } }),
    configResolved(config) {
      fallbackHost = `${typeof config.server.host === "string" ? config.server.host : "localhost"}:${config.server.port}`;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const requested = req.headers.host;
        const host = requested !== undefined && HOST_HEADER.test(requested) ? requested : fallbackHost;
        for (const [name, value] of Object.entries(devSecurityHeaders(host, styleNonce))) res.setHeader(name, value);
        if (new URL(req.url ?? "/", "http://dev.invalid").pathname === REFRESH_PREAMBLE_PATH) {
          res.setHeader("Content-Type", "text/javascript; charset=utf-8");
          res.setHeader("Cache-Control", "no-store");
          res.end(preamble);
          return;
        }
        next();
      });
    },
    transformIndexHtml: { order: "post", handler: moveRefreshPreamble },
  };
}

export default defineConfig({
  plugins: [react(), cspMeta(), bootPreload(), devCsp()],
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

import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// Two projects: the browser code in jsdom, the server (sandbox, gateway) in node.
// Integration tests (server/**/*.integration.test.ts) start real servers on 127.0.0.1.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [react()],
        test: {
          name: "web",
          environment: "jsdom",
          include: ["src/**/*.test.{ts,tsx}"],
          setupFiles: ["src/test/setup.ts"],
          // Generous: these machines have 2 cores, often shared with a browser and a server.
          testTimeout: 20_000,
          env: { TZ: "UTC" },
        },
      },
      {
        test: {
          name: "server",
          environment: "node",
          include: ["server/**/*.test.ts", "scripts/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          env: { TZ: "UTC" },
        },
      },
    ],
  },
});

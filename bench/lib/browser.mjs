// Launches headless Chromium: Debian's where installed (Playwright cannot download browsers here),
// otherwise Playwright's own.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

export const chromiumArgs = [
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export function launchChromium() {
  const executablePath = existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
  return chromium.launch({ headless: true, executablePath, args: chromiumArgs });
}

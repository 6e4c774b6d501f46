// The `test` every spec should import: the same as Playwright's, plus a guard that fails the test
// on any console error, uncaught page error or Content-Security-Policy violation in any page of
// the test's browser context. A spec that provokes an error on purpose says so:
//   test.use({ allowedConsoleErrors: [/status of 503/] })   // for a whole file
//   pageProblems.allow(/status of 503/)                     // inside one test
import { test as base, expect } from "@playwright/test";
import { acquireLoadClass, type LoadClass } from "./loadClass";

export interface PageProblems {
  /** Console messages of type "error" (including the browser's own, such as failed loads). */
  consoleErrors: string[];
  /** Exceptions nothing caught. */
  pageErrors: string[];
  /** securitypolicyviolation events: directive, blocked URI, source location. */
  cspViolations: string[];
  /** Ignore console errors matching this pattern for the rest of the test. */
  allow(pattern: RegExp): void;
}

interface GuardFixtures {
  allowedConsoleErrors: RegExp[];
  pageProblems: PageProblems;
  /** "heavy" or "timing" specs never run at the same time (./loadClass.ts); unset: no constraint.
   *  test.use({ loadClass: "heavy" }) in the spec file. */
  loadClass: LoadClass | undefined;
  loadClassHeld: void;
}

const CSP_BINDING = "__scriptumConsoleReportCsp";

export const test = base.extend<GuardFixtures>({
  allowedConsoleErrors: [[], { option: true }],
  loadClass: [undefined, { option: true }],

  // Before the page guard and the test: while it waits, a heavy spec in the other worker finishes.
  // Its own timeout, so the wait does not eat the test's.
  loadClassHeld: [
    async ({ loadClass }, use) => {
      const release = loadClass === undefined ? undefined : await acquireLoadClass(loadClass);
      try {
        await use();
      } finally {
        release?.();
      }
    },
    { auto: true, timeout: 600_000 },
  ],

  pageProblems: [
    async ({ context, allowedConsoleErrors }, use) => {
      const allowed = [...allowedConsoleErrors];
      const problems: PageProblems = {
        consoleErrors: [],
        pageErrors: [],
        cspViolations: [],
        allow: (pattern) => {
          allowed.push(pattern);
        },
      };

      await context.exposeBinding(CSP_BINDING, (_source, violation: string) => {
        problems.cspViolations.push(violation);
      });
      await context.addInitScript((binding: string) => {
        document.addEventListener("securitypolicyviolation", (event) => {
          const report = (window as unknown as Record<string, (v: string) => void>)[binding];
          report?.(
            `${event.effectiveDirective} blocked ${event.blockedURI || "(inline)"} at ${event.sourceFile}:${event.lineNumber}`,
          );
        });
      }, CSP_BINDING);

      const watch = (page: import("@playwright/test").Page) => {
        page.on("console", (message) => {
          if (message.type() !== "error") return;
          const location = message.location();
          problems.consoleErrors.push(`${message.text()} (${location.url}:${location.lineNumber})`);
        });
        page.on("pageerror", (error) => {
          problems.pageErrors.push(`${error.name}: ${error.message}`);
        });
      };
      context.pages().forEach(watch);
      context.on("page", watch);

      await use(problems);

      const unexpected = {
        consoleErrors: problems.consoleErrors.filter((text) => !allowed.some((pattern) => pattern.test(text))),
        pageErrors: problems.pageErrors,
        cspViolations: problems.cspViolations,
      };
      expect(unexpected, "the page reported errors or CSP violations").toEqual({
        consoleErrors: [],
        pageErrors: [],
        cspViolations: [],
      });
    },
    { auto: true },
  ],
});

export { expect };

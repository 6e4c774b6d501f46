// The console's stylesheets never name `system-ui` as a font. Measured in Chromium 150 on Linux
// (2026-12-02): 55,000 characters of script-made text (the hostile payloads of
// e2e/reliability/payloads.ts) in a `white-space: pre-wrap; overflow-wrap: anywhere` paragraph
// took 1.7 s to lay out in system-ui and 15–25 ms in any named font, and an ask page with such a
// prompt froze for 5–15 s (two such paragraphs, several layout passes). Step names, prompts, errors
// and outputs are all untrusted text shown with those rules.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return cssFiles(path);
    return entry.name.endsWith(".css") ? [path] : [];
  });
}

/** Every font-family value and --font-* token, comments removed. */
function fontDeclarations(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, "");
  return [...text.matchAll(/(?:font-family|--font-[\w-]+|(?<![\w-])font)\s*:\s*([^;}]+)/g)].map((m) => (m[1] ?? "").trim());
}

describe("font stacks", () => {
  const root = join(process.cwd(), "src");
  const files = cssFiles(root);

  it("finds the stylesheets and their font declarations", () => {
    expect(files.length).toBeGreaterThan(5);
    const tokens = fontDeclarations(readFileSync(join(root, "styles/tokens.css"), "utf8"));
    expect(tokens.some((value) => value.includes("sans-serif"))).toBe(true);
  });

  it("never names system-ui (or ui-sans-serif, its alias for a system font)", () => {
    const offenders = files.flatMap((file) =>
      fontDeclarations(readFileSync(file, "utf8"))
        .filter((value) => /(^|[\s,])(system-ui|ui-sans-serif)(?=$|[\s,])/.test(value))
        .map((value) => `${file.slice(root.length + 1)}: ${value}`),
    );
    expect(offenders).toEqual([]);
  });
});

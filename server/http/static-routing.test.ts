import { describe, expect, it } from "vitest";
import {
  acceptsGzip,
  cacheControlFor,
  etagFor,
  IMMUTABLE,
  isSpaFallback,
  isSpaRoute,
  matchesEtag,
  REVALIDATE,
  staticFilePath,
} from "./static-routing";

describe("staticFilePath", () => {
  it("maps URL paths to files inside the directory", () => {
    expect(staticFilePath("/")).toBe("index.html");
    expect(staticFilePath("/assets/index-abc.js")).toBe("assets/index-abc.js");
    expect(staticFilePath("/favicon.svg")).toBe("favicon.svg");
    expect(staticFilePath("//assets//a%20b.css")).toBe("assets/a b.css");
  });

  it("refuses traversal, dotfiles, NUL and bad escapes", () => {
    expect(staticFilePath("/../etc/passwd")).toBeNull();
    expect(staticFilePath("/assets/%2e%2e/%2e%2e/secret")).toBeNull();
    expect(staticFilePath("/.env")).toBeNull();
    expect(staticFilePath("/a/.git/config")).toBeNull();
    expect(staticFilePath("/a%00b")).toBeNull();
    expect(staticFilePath("/a%5c..%5cb")).toBeNull();
    expect(staticFilePath("/%E0%A4%A")).toBeNull();
  });
});

describe("isSpaFallback", () => {
  it("answers every app route with the SPA, step paths with dots included", () => {
    for (const path of [
      "/threads",
      "/threads/thr_1",
      "/threads/thr_1/steps/1.2.0",
      "/approvals",
      "/approvals/thr_1",
      "/new",
      "/settings",
    ]) {
      expect(isSpaFallback(path, undefined)).toBe(true);
    }
  });

  it("answers unknown extension-less paths with the SPA (the not-found page is the app's)", () => {
    expect(isSpaFallback("/nowhere", undefined)).toBe(true);
  });

  it("keeps missing assets and missing files of known types 404 for non-HTML requests", () => {
    expect(isSpaFallback("/assets/index-abc.js", "text/html")).toBe(false);
    expect(isSpaFallback("/assets", undefined)).toBe(false);
    expect(isSpaFallback("/favicon.ico", "image/*")).toBe(false);
    expect(isSpaFallback("/robots.txt", "*/*")).toBe(false);
  });

  it("never answers a download URL of the download service worker with the app", () => {
    expect(isSpaFallback("/__download/0123abcd/thr_1-output.json", "text/html")).toBe(false);
    expect(isSpaFallback("/__download", "text/html")).toBe(false);
  });

  it("answers a browser navigation to a missing file with the SPA", () => {
    expect(isSpaFallback("/report.json", "text/html,application/xhtml+xml")).toBe(true);
  });
});

describe("isSpaRoute", () => {
  it("is true for every app route, even paths that name no file (bad escapes, %2F)", () => {
    expect(isSpaRoute("/threads/%E0%A4%A")).toBe(true);
    expect(staticFilePath("/threads/%E0%A4%A")).toBeNull();
    expect(isSpaRoute("/threads/t1/steps/1%2F2")).toBe(true);
    expect(isSpaRoute("/assets/x.js")).toBe(false);
    expect(isSpaRoute("/threadsX")).toBe(false);
  });
});

describe("cacheControlFor", () => {
  it("caches hashed assets forever and revalidates the rest", () => {
    expect(cacheControlFor("assets/index-abc.js")).toBe(IMMUTABLE);
    expect(IMMUTABLE).toContain("immutable");
    expect(cacheControlFor("index.html")).toBe(REVALIDATE);
    expect(cacheControlFor("favicon.svg")).toBe(REVALIDATE);
  });
});

describe("acceptsGzip", () => {
  it.each([
    ["gzip, deflate, br", true],
    ["br;q=1.0, gzip;q=0.8", true],
    ["*", true],
    ["identity", false],
    ["gzip;q=0", false],
    ["gzip;q=0, *", false],
    ["br, *;q=0", false],
    ["", false],
  ])("%j → %s", (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });

  it("is false without the header", () => {
    expect(acceptsGzip(undefined)).toBe(false);
  });
});

describe("etags", () => {
  it("match weakly, in lists and with *", () => {
    const etag = etagFor(1234, 1_700_000_000_123.4);
    expect(etag).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    expect(matchesEtag(etag, etag)).toBe(true);
    expect(matchesEtag(`"x", ${etag.slice(2)}`, etag)).toBe(true);
    expect(matchesEtag("*", etag)).toBe(true);
    expect(matchesEtag(etagFor(1235, 1_700_000_000_123), etag)).toBe(false);
    expect(matchesEtag(undefined, etag)).toBe(false);
  });
});

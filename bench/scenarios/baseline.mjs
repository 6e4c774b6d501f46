// Baseline: frame intervals of an empty page on this machine, reported beside every figure
// (headless Chromium on a small shared machine does not always hold 60 frames a second).
import { newProbedPage, sampleFrames } from "../lib/probes.mjs";
import { p95 } from "../lib/stats.mjs";

export async function baselineScenario({ browser, runs, quick }) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const probe = await newProbedPage(browser);
    try {
      await probe.page.setContent("<!doctype html><title>empty</title><p>empty</p>");
      samples.push(p95(await sampleFrames(probe.page, quick ? 1500 : 3000)));
    } finally {
      await probe.close();
    }
  }
  return [{ name: "baseline: empty page frame interval p95", unit: "ms", budget: null, cmp: null, samples }];
}

/**
 * `npm run bench:lighthouse`: Lighthouse's mobile preset (a mid-range phone on slow 4G, simulated) on
 * the door pages (home, join, report) of a running Plenum serving the product build (run `npm run
 * build` first), in the system's headless Chromium. Its timings are simulated and move a few points
 * between runs, so it is a benchmark, not part of `npm test`. Prints each page, then one JSON line.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";
import { CHROMIUM_PATH } from "../../support/browser.ts";
import { PRODUCT_CLIENT_DIR } from "../../support/test-client.ts";
import { startTestServer } from "../../support/test-server.ts";
import { round } from "../stats.ts";

if (!existsSync(path.join(PRODUCT_CLIENT_DIR, "index.html"))) {
  console.error("bench:lighthouse: no product build in dist/client; run `npm run build` first.");
  process.exit(2);
}

interface PageScores {
  readonly performance: number;
  readonly accessibility: number;
  readonly lcpMs: number;
  readonly tbtMs: number;
  readonly cls: number;
  readonly sentKB: number;
}

const server = await startTestServer({ CLIENT_DIR: PRODUCT_CLIENT_DIR });
const chrome = await launch({
  chromePath: CHROMIUM_PATH,
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});
try {
  const created = await server.createConsultation("Lighthouse bench");
  const pages = {
    home: "/",
    join: `/j/${created.joinCode}`,
    report: `/c/${created.id}/report`,
  };
  const scores: Record<string, PageScores> = {};
  for (const [name, pathname] of Object.entries(pages)) {
    // The default configuration is the mobile preset.
    const result = await lighthouse(`${server.url}${pathname}`, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility"],
    });
    if (!result) throw new Error(`bench:lighthouse: no result for ${pathname}`);
    const { categories, audits } = result.lhr;
    const value = (audit: string) => audits[audit]?.numericValue ?? Number.NaN;
    scores[name] = {
      performance: Math.round((categories.performance?.score ?? 0) * 100),
      accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
      lcpMs: Math.round(value("largest-contentful-paint")),
      tbtMs: Math.round(value("total-blocking-time")),
      cls: round(value("cumulative-layout-shift"), 3),
      sentKB: round(value("total-byte-weight") / 1024),
    };
    console.log(`${name} (${pathname}): ${JSON.stringify(scores[name])}`);
  }
  console.log(JSON.stringify(scores));
} finally {
  chrome.kill();
  await server.stop();
}

/**
 * `npm run bench:render -- --avatars N`: the built client in headless Chromium with N simulated people
 * walking the hall (`?test=1&bench=N`, see client/src/app/bench-crowd.ts). Reads draw calls from the
 * renderer next to an empty hall measured the same way (so that the avatars' own share shows), the
 * triangles of the avatar meshes, the avatar update's JS time per frame (p50, p95) and the JS heap.
 * Needs the test build (`npm run build:test`); prints a table, then one JSON line.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Page } from "playwright-core";
import { launchBrowser, saveScreenshot } from "../../support/browser.ts";
import { hook, waitUntil } from "../../support/page-hook.ts";
import { TEST_CLIENT_DIR } from "../../support/test-client.ts";
import { startTestServer } from "../../support/test-server.ts";
import { percentile, round } from "../stats.ts";

const { values } = parseArgs({
  options: { avatars: { type: "string", default: "300" }, seconds: { type: "string", default: "6" } },
});
const avatars = Number(values.avatars);
const seconds = Number(values.seconds);
const MIN_FRAMES = 200;
const MAX_WAIT_MS = 120_000;

if (!existsSync(path.join(TEST_CLIENT_DIR, "index.html"))) {
  console.error("bench:render: no test build in dist/client-test; run `npm run build:test` first.");
  process.exit(2);
}

interface PageFigures {
  readonly drawCalls: number;
  readonly triangles: number;
  readonly frameCosts: number[];
  readonly heapMB: number;
  readonly drawnAvatars: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function measure(page: Page, url: string, joinCode: string, crowd: number): Promise<PageFigures> {
  await page.goto(`${url}/j/${joinCode}?test=1&bench=${crowd}`);
  await page.getByTestId("display-name").fill(`Viewer ${crowd}`);
  await page.getByTestId("accept-conduct").check();
  await page.getByTestId("enter-hall").click();
  await waitUntil(page, "the hall to be ready", "h.ready", 60_000);
  await waitUntil(page, "the crowd to be drawn", `h.avatars().length >= ${crowd}`, 60_000);
  // Let labels, fonts and shaders settle before measuring.
  await sleep(3000);
  await page.evaluate("window.__plenumBench?.reset()");
  const calls: number[] = [];
  const started = performance.now();
  let frameCosts: number[] = [];
  // At least `seconds`, and enough frames for a p95 (software rendering on a busy machine is slow).
  while (
    performance.now() - started < seconds * 1000 ||
    (crowd > 0 && frameCosts.length < MIN_FRAMES && performance.now() - started < MAX_WAIT_MS)
  ) {
    calls.push((await hook<{ calls: number }>(page, "h.renderInfo()")).calls);
    frameCosts = (await page.evaluate("window.__plenumBench?.frameCosts() ?? []")) as number[];
    await sleep(250);
  }
  const triangles = (await page.evaluate("window.__plenumBench?.triangles() ?? 0")) as number;
  const heap = (await page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : 0")) as number;
  const drawnAvatars = await hook<number>(page, "h.avatars().length");
  return {
    drawCalls: Math.max(...calls),
    triangles,
    frameCosts,
    heapMB: heap / (1024 * 1024),
    drawnAvatars,
  };
}

const server = await startTestServer();
const browser = await launchBrowser();
try {
  const consultation = await server.createConsultation("Rendering benchmark");
  const empty = await measure(browser.page, server.url, consultation.joinCode, 0);
  const crowd = await measure(browser.page, server.url, consultation.joinCode, avatars);
  await saveScreenshot(browser.page, `bench-render-${avatars}`);
  const avatarCalls = crowd.drawCalls - empty.drawCalls;
  const p50 = percentile(crowd.frameCosts, 50);
  const p95 = percentile(crowd.frameCosts, 95);
  const rows: [string, string, string][] = [
    ["", "empty hall", `${avatars} avatars`],
    ["draw calls per frame (whole view)", String(empty.drawCalls), String(crowd.drawCalls)],
    ["triangles of the avatar meshes", "0", crowd.triangles.toLocaleString("en")],
    ["avatars drawn", String(empty.drawnAvatars), String(crowd.drawnAvatars)],
    [
      "avatar update JS per frame p50 / p95",
      "-",
      `${round(p50, 3)} / ${round(p95, 3)} ms (${crowd.frameCosts.length} frames)`,
    ],
    ["JS heap", `${round(empty.heapMB)} MB`, `${round(crowd.heapMB)} MB`],
  ];
  for (const [label, a, b] of rows) console.log(`${label.padEnd(38)} ${a.padEnd(14)} ${b}`);
  console.log(`draw calls of all avatars together: ${avatarCalls}`);
  console.log(
    JSON.stringify({
      avatars,
      drawCalls: avatarCalls,
      triangles: crowd.triangles,
      frameJsP50Ms: round(p50, 3),
      frameJsP95Ms: round(p95, 3),
      heapMB: round(crowd.heapMB),
    }),
  );
} finally {
  await browser.close();
  await server.stop();
}

/**
 * `npm run bench:hall`: what entering the hall costs a desktop visitor, in headless Chromium against a
 * running Plenum serving the product build (run `npm run build` first). Each run opens the join page
 * in a fresh browser (a cold cache), clicks Enter and measures:
 * - the bytes the server sent after the click (response bodies as they came over the wire, so
 *   compressed), until the first drawn frame and in all, once the network has been quiet for 2 s;
 * - the time from the click to the first drawn frame (the first WebGL draw call, then the next
 *   animation frame: that frame is on screen) and to the hall shown (the loading screen gone).
 * Both are read from outside the app (an init script wraps WebGL's draw calls), so the same bench
 * measures any build. Prints each run, then one JSON line with the medians.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Page } from "playwright-core";
import { launchBrowser } from "../../support/browser.ts";
import { PRODUCT_CLIENT_DIR } from "../../support/test-client.ts";
import { startTestServer } from "../../support/test-server.ts";
import { percentile, round } from "../stats.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    // Another build to measure the same way, e.g. one made from an earlier commit for a before/after.
    "client-dir": { type: "string", default: PRODUCT_CLIENT_DIR },
  },
});
const runs = Number(values.runs);
const clientDir = path.resolve(values["client-dir"]);
const QUIET_MS = 2000;
const MAX_WAIT_MS = 120_000;

if (!existsSync(path.join(clientDir, "index.html"))) {
  console.error(`bench:hall: no build in ${clientDir}; run \`npm run build\` first.`);
  process.exit(2);
}

interface Sent {
  readonly url: string;
  readonly bytes: number;
  /** When the response had arrived, in ms after the click. */
  readonly at: number;
}

interface RunFigures {
  readonly firstFrameMs: number;
  readonly hallShownMs: number;
  readonly bytesToFirstFrame: number;
  readonly bytesTotal: number;
  readonly files: readonly Sent[];
}

/** Runs before any page script: stamps the first WebGL draw call and the frame after it. */
function stampFirstFrame(): void {
  const marks = { firstDraw: 0, firstFrame: 0 };
  (window as unknown as { __hallEntry: typeof marks }).__hallEntry = marks;
  for (const proto of [WebGL2RenderingContext.prototype, WebGLRenderingContext.prototype]) {
    for (const name of ["drawArrays", "drawElements", "drawArraysInstanced", "drawElementsInstanced"]) {
      const target = proto as unknown as Record<string, (...args: unknown[]) => unknown>;
      const original = target[name];
      if (!original) continue;
      target[name] = function (this: unknown, ...args: unknown[]) {
        if (marks.firstDraw === 0) {
          marks.firstDraw = performance.now();
          requestAnimationFrame(() => {
            marks.firstFrame = performance.now();
          });
        }
        return original.apply(this, args);
      };
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function untilTrue(page: Page, what: string, test: string): Promise<void> {
  const started = Date.now();
  while (!(await page.evaluate(test))) {
    if (Date.now() - started > MAX_WAIT_MS) throw new Error(`bench:hall: no ${what} in ${MAX_WAIT_MS} ms`);
    await sleep(50);
  }
}

async function measure(url: string, joinCode: string, run: number): Promise<RunFigures> {
  const browser = await launchBrowser();
  try {
    const { page } = browser;
    await browser.context.addInitScript(stampFirstFrame);
    await page.goto(`${url}/j/${joinCode}`);
    await page.getByTestId("display-name").fill(`Visitor ${run}`);
    await page.getByTestId("accept-conduct").check();
    const sent: Sent[] = [];
    let clickedAt = Number.POSITIVE_INFINITY;
    let lastResponse = Date.now();
    page.on("requestfinished", (request) => {
      const at = Date.now();
      lastResponse = at;
      void request.sizes().then((sizes) => {
        if (at >= clickedAt)
          sent.push({ url: request.url(), bytes: sizes.responseBodySize, at: at - clickedAt });
      });
    });
    const clickedInPage = (await page.evaluate("performance.now()")) as number;
    clickedAt = Date.now();
    await page.getByTestId("enter-hall").click();
    await untilTrue(page, "first frame", "window.__hallEntry.firstFrame > 0");
    await untilTrue(
      page,
      "hall",
      "!!document.querySelector('canvas') && !document.querySelector('.loading-screen')",
    );
    const hallShownMs = Date.now() - clickedAt;
    while (Date.now() - lastResponse < QUIET_MS) await sleep(100);
    const firstFrameMs = ((await page.evaluate("window.__hallEntry.firstFrame")) as number) - clickedInPage;
    const bytesBefore = (limit: number) =>
      sent.filter((file) => file.at <= limit).reduce((sum, file) => sum + file.bytes, 0);
    return {
      firstFrameMs,
      hallShownMs,
      bytesToFirstFrame: bytesBefore(firstFrameMs),
      bytesTotal: bytesBefore(Number.POSITIVE_INFINITY),
      files: sent,
    };
  } finally {
    await browser.close();
  }
}

const kb = (bytes: number) => round(bytes / 1024);
const server = await startTestServer({ CLIENT_DIR: clientDir });
try {
  const results: RunFigures[] = [];
  for (let run = 1; run <= runs; run++) {
    const { joinCode } = await server.createConsultation(`Hall entry ${run}`);
    const figures = await measure(server.url, joinCode, run);
    results.push(figures);
    console.log(
      `run ${run}: first frame ${Math.round(figures.firstFrameMs)} ms, hall shown ${figures.hallShownMs} ms, ` +
        `${kb(figures.bytesToFirstFrame)} KB to the first frame, ${kb(figures.bytesTotal)} KB in all`,
    );
  }
  console.log("files of the last run, largest first:");
  const last = results.at(-1) as RunFigures;
  for (const file of [...last.files].sort((a, b) => b.bytes - a.bytes)) {
    const name = new URL(file.url).pathname;
    console.log(`  ${name.padEnd(52)} ${`${kb(file.bytes)} KB`.padStart(10)}  at ${file.at} ms`);
  }
  const median = (pick: (figures: RunFigures) => number) => percentile(results.map(pick), 50);
  console.log(
    JSON.stringify({
      runs,
      firstFrameMs: Math.round(median((figures) => figures.firstFrameMs)),
      hallShownMs: Math.round(median((figures) => figures.hallShownMs)),
      sentToFirstFrameKB: kb(median((figures) => figures.bytesToFirstFrame)),
      sentKB: kb(median((figures) => figures.bytesTotal)),
    }),
  );
} finally {
  await server.stop();
}

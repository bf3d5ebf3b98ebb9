/**
 * `npm run dev` as the README's Develop section starts it (`server/main.ts --dev`): the page served
 * through Vite renders and creates a consultation, with nothing refused by the page's security policy
 * (Vite's inline React preamble and its hot reload websocket on their own port).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, saveScreenshot, type TestBrowser } from "../support/browser.ts";
import { type ServerProcess, startServerProcess } from "../support/server-process.ts";

let dataDir: string;
let server: ServerProcess;
let browser: TestBrowser;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "plenum-dev-"));
  server = await startServerProcess({ DATA_DIR: dataDir }, 30_000, ["--dev"]);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the dev server", () => {
  // Vite bundles the client's dependencies on the first request: slow on a loaded machine.
  it("serves a home page that renders and creates a consultation", { timeout: 120_000 }, async () => {
    const page = browser.page;
    await page.goto(server.url);
    await page.getByTestId("create-title").fill("Riverside park", { timeout: 90_000 });
    await page.getByTestId("create-submit").click();
    await page.getByTestId("join-code").waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("join-code").textContent()).toMatch(/^[A-Z0-9]{6}$/);
    await saveScreenshot(page, "dev-server-created");
    expect(browser.errors).toEqual([]);
  });
});

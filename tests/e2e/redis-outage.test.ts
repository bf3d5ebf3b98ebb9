/**
 * A browser that enters a hall while the shared Redis is down, in a real Chromium against a Plenum
 * process set up for several processes (Redis and PostgreSQL on loopback): the page says in the
 * person's language that the hall is briefly unavailable, and "Join again" lets them in once Redis is
 * back, with no server restarted.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../shared/i18n/en.ts";
import { launchBrowser, saveScreenshot, type TestBrowser } from "../support/browser.ts";
import { freePort } from "../support/free-port.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import { type ServerProcess, startServerProcess } from "../support/server-process.ts";
import { startPostgres, type TestPostgres } from "../support/test-postgres.ts";
import { startRedis, type TestRedis } from "../support/test-redis.ts";
import { plenumApi } from "../support/test-server.ts";

const dataDir = mkdtempSync(path.join(tmpdir(), "plenum-e2e-redis-"));
let redis: TestRedis;
let postgres: TestPostgres;
let server: ServerProcess;
let browser: TestBrowser;

beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  const port = await freePort();
  server = await startServerProcess({
    PORT: String(port),
    DATA_DIR: dataDir,
    REDIS_URL: redis.url,
    DATABASE_URL: postgres.url,
    SESSION_SECRET: "session-secret-for-the-redis-outage-e2e-0123456789",
    PUBLIC_ADDRESS: `127.0.0.1:${port}`,
  });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await Promise.all([redis?.stop(), postgres?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

describe("entering a hall while Redis is down", () => {
  it("shows that the hall is briefly unavailable, then lets the person in with Join again once Redis is back", async () => {
    const consultation = await plenumApi(server.url).createConsultation("Ferry landing");
    const redisPort = Number(new URL(redis.url).port);
    await redis.stop();

    const { page } = browser;
    await page.goto(`${server.url}/j/${consultation.joinCode}?test=1`);
    await page.getByTestId("display-name").fill("Femke");
    await page.getByTestId("accept-conduct").check();
    await page.getByTestId("enter-hall").click();
    const notice = page.getByTestId("connection-notice");
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toBe(en["error.service_unavailable"]);
    await saveScreenshot(page, "redis-outage-join-refused");

    redis = await startRedis(redisPort);
    // The server notices within about a second; until then a click is refused the same way.
    const rejoin = page.getByRole("button", { name: en["hall.rejoin"] });
    const back = performance.now();
    while (!(await hook<boolean>(page, "h.ready"))) {
      if (performance.now() - back > 15_000)
        throw new Error("Femke was not let in within 15 s of Redis coming back");
      if (await rejoin.isVisible()) await rejoin.click();
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await waitUntil(page, "Femke's hall to be connected", "h.connected");
    expect(browser.errors.filter((error) => error.includes("JSON"))).toEqual([]);
  });
});

/**
 * Nothing lost when the network or the server goes away, in real browsers and without anyone clicking:
 * a browser that goes offline for a moment (a headset, which shows it in front of the eyes) is shown
 * to the others as reconnecting and comes back to the same room; a server stopped with SIGTERM and started again on the same port and data folder has
 * both browsers back in the hall, each seeing the other's avatar; so has one killed with SIGKILL.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreateConsultationResponse } from "../../shared/protocol/http-api.ts";
import { launchBrowser, saveScreenshot, type TestBrowser } from "../support/browser.ts";
import { freePort } from "../support/free-port.ts";
import { hook } from "../support/page-hook.ts";
import { type ServerProcess, startServerProcess } from "../support/server-process.ts";

const dataDir = mkdtempSync(path.join(tmpdir(), "plenum-e2e-restart-"));
let port = 0;
let server: ServerProcess | undefined;
let ana: TestBrowser;
let ben: TestBrowser;

function start(): Promise<ServerProcess> {
  return startServerProcess({ DATA_DIR: dataDir, PORT: String(port) });
}

/** Polls the page's test hook until `expression` holds. */
async function until(browser: TestBrowser, what: string, expression: string, timeoutMs = 30_000) {
  await expect
    .poll(() => hook<boolean>(browser.page, `!!(${expression})`), {
      timeout: timeoutMs,
      interval: 100,
      message: what,
    })
    .toBe(true);
}

async function enter(browser: TestBrowser, url: string, query: string, name: string): Promise<void> {
  await browser.page.goto(`${url}/j/${query}`);
  await browser.page.getByTestId("display-name").fill(name);
  await browser.page.getByTestId("accept-conduct").check();
  await browser.page.getByTestId("enter-hall").click();
  await until(browser, `${name}'s hall to be ready`, "h.ready");
}

function sees(browser: TestBrowser, name: string): Promise<void> {
  return until(
    browser,
    `${name}'s avatar`,
    `h.connected && h.avatars().some(a => a.name === ${JSON.stringify(name)})`,
  );
}

beforeAll(async () => {
  // A fixed port that was free a moment ago, so that the restarted server listens where the first one did.
  port = await freePort();
  server = await start();
  [ana, ben] = await Promise.all([launchBrowser(), launchBrowser()]);
});

afterAll(async () => {
  await Promise.all([ana?.close(), ben?.close()]);
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the hall survives a drop and a server restart", () => {
  it("shows a browser that went offline as reconnecting, then has it back", async () => {
    const url = server?.url ?? "";
    const response = await fetch(`${url}/api/consultations`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "Harbour front", language: "en" }),
    });
    const created = (await response.json()) as CreateConsultationResponse;
    await enter(ana, url, `${created.joinCode}?test=1`, "Ana");
    // Ben wears an (emulated) headset, where the 2D overlay is out of sight.
    await enter(ben, url, `${created.joinCode}?test=1&xr=emulate`, "Ben");
    await ben.page.getByTestId("enter-vr").click();
    await until(ben, "Ben's VR session", "h.xr().presenting");
    await sees(ana, "Ben");
    await sees(ben, "Ana");

    await ben.context.setOffline(true);
    await ben.page.getByTestId("reconnecting-notice").waitFor({ timeout: 10_000 });
    await until(ben, "the banner in Ben's headset", "h.xr().connectionBanner", 10_000);
    // The server only learns of a connection that went silent (no close frame) when its pings go
    // unanswered, several seconds later.
    await ana.page.getByTestId("participant-reconnecting").waitFor({ timeout: 30_000 });
    await saveScreenshot(ana.page, "reconnecting-ana-sees-ben");
    await saveScreenshot(ben.page, "reconnecting-ben-headset");
    await ben.context.setOffline(false);
    await ana.page.getByTestId("participant-reconnecting").waitFor({ state: "detached", timeout: 20_000 });
    await ben.page.getByTestId("reconnecting-notice").waitFor({ state: "detached", timeout: 20_000 });
    await until(ben, "the banner gone", "!h.xr().connectionBanner", 5_000);
    await sees(ana, "Ben");
  });

  it("brings both browsers back into the hall after SIGTERM and a restart, without anyone clicking", async () => {
    // Ana walks away from where the room first put her, then keeps still through the restart.
    await ana.page.keyboard.down("w");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await ana.page.keyboard.up("w");
    expect(await server?.stop()).toBe(0);
    server = undefined;
    await ben.page.getByTestId("reconnecting-notice").waitFor({ timeout: 10_000 });
    await expect
      .poll(() => ben.page.getByTestId("reconnecting-notice").textContent(), { timeout: 10_000 })
      .toContain("restarting");

    server = await start();
    await sees(ana, "Ben");
    await sees(ben, "Ana");
    await ben.page.getByTestId("reconnecting-notice").waitFor({ state: "detached", timeout: 10_000 });
    // The new room learns where Ana stands although she did not move: Ben sees her there.
    const where = (await hook<{ x: number; z: number }>(ana.page, "h.self()")) ?? { x: 0, z: 0 };
    const anaSeenAt = async () => {
      const avatars = (await hook<{ name: string; x: number; z: number }[]>(ben.page, "h.avatars()")) ?? [];
      const seen = avatars.find((avatar) => avatar.name === "Ana");
      return seen ? Math.hypot(seen.x - where.x, seen.z - where.z) : Number.POSITIVE_INFINITY;
    };
    await expect.poll(anaSeenAt, { timeout: 10_000, interval: 100 }).toBeLessThan(0.15);
    await saveScreenshot(ben.page, "restarted-ben-sees-ana");
  });

  it("brings them back after the server is killed and started again", async () => {
    server?.child.kill("SIGKILL");
    await ana.page.getByTestId("reconnecting-notice").waitFor({ timeout: 10_000 });
    server = await start();
    await sees(ana, "Ben");
    await sees(ben, "Ana");
  });
});

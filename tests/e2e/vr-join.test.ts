/**
 * The join page's "Enter in VR" on an emulated headset (IWER's Meta Quest 3 in headless Chromium):
 * the session is asked for inside the join click, before the hall's code is loaded, and the hall takes
 * it over; the citizen lands in the hall already in VR, the room learns she wears a headset, and her
 * head moves her avatar on a desktop page. A desktop without WebXR is not offered the button.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, saveScreenshot, type TestBrowser } from "../support/browser.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

interface Point {
  x: number;
  y: number;
  z: number;
}
interface HookAvatar extends Point {
  name: string;
}
interface HookParticipant {
  name: string;
  device: string;
}

/** XR frames under SwiftShader are slow, more so on a busy machine: each step gets two minutes at most. */
const VR_TEST_TIMEOUT_MS = 120_000;

let server: TestServer;
let ada: TestBrowser;
let bram: TestBrowser;

function hook<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(
    `(() => { const h = window.__plenum; return h ? (${expression}) : undefined; })()`,
  ) as Promise<T>;
}

/** Runs code against the emulated headset (`d`) in Ada's page. */
function device(code: string): Promise<unknown> {
  return ada.page.evaluate(`(() => { const d = window.__plenum.xrDevice; ${code} })()`);
}

async function waitUntil(page: Page, what: string, expression: string, timeoutMs = 20_000): Promise<void> {
  try {
    await page.waitForFunction(
      `(() => { const h = window.__plenum; return !!h && !!(${expression}); })()`,
      undefined,
      { timeout: timeoutMs, polling: 50 },
    );
  } catch (error) {
    throw new Error(`Timed out waiting for ${what}: ${(error as Error).message}`);
  }
}

/** Waits for Ada's page to draw a few more XR frames (SwiftShader is slow; no fixed sleeps). */
async function nextFrames(count = 3): Promise<void> {
  await ada.page.evaluate(
    (n) =>
      new Promise<void>((resolve) => {
        const hook = (window as unknown as { __plenum?: { xrDevice?: { activeSession?: XRSession } } })
          .__plenum;
        const session = hook?.xrDevice?.activeSession;
        let left = n;
        const tick = () => (--left <= 0 ? resolve() : session?.requestAnimationFrame(tick));
        if (!session) setTimeout(resolve, 300);
        else session.requestAnimationFrame(tick);
      }),
    count,
  );
}

async function adaOnBram(): Promise<HookAvatar | undefined> {
  const avatars = (await hook<HookAvatar[]>(bram.page, "h.avatars()")) ?? [];
  return avatars.find((avatar) => avatar.name === "Ada");
}

async function adaInState(): Promise<HookParticipant | undefined> {
  const list = (await hook<HookParticipant[]>(bram.page, "h.participants()")) ?? [];
  return list.find((p) => p.name === "Ada");
}

beforeAll(async () => {
  server = await startTestServer();
  [ada, bram] = await Promise.all([launchBrowser({ width: 640, height: 400 }), launchBrowser()]);
});

afterAll(async () => {
  await Promise.all([ada?.close(), bram?.close()]);
  await server?.stop();
});

describe("entering VR straight from the join page", () => {
  it(
    "lands Ada in the hall in VR, seen by a desktop page as a headset that moves with her",
    async () => {
      const { joinCode } = await server.createConsultation("Night buses");
      await bram.page.goto(`${server.url}/j/${joinCode}?test=1`);
      await bram.page.getByTestId("display-name").fill("Bram");
      await bram.page.getByTestId("accept-conduct").check();
      // The desktop has no WebXR runtime: its join page offers only the ordinary door.
      expect(await bram.page.getByTestId("enter-hall-vr").count()).toBe(0);
      await bram.page.getByTestId("enter-hall").click();
      await waitUntil(bram.page, "Bram's hall", "h.ready", 60_000);

      await ada.page.goto(`${server.url}/j/${joinCode}?test=1&xr=emulate`);
      await ada.page.getByTestId("display-name").fill("Ada");
      await ada.page.getByTestId("accept-conduct").check();
      await ada.page.getByTestId("enter-hall-vr").click();
      await waitUntil(ada.page, "Ada's hall", "h.ready", 60_000);
      await waitUntil(ada.page, "Ada's VR session", "h.xr().presenting");
      // Nobody pressed the hall's own VR button: this is the session asked for at the door.
      await expect.poll(async () => (await adaInState())?.device, { timeout: 20_000 }).toBe("headset");
      await waitUntil(bram.page, "Ada's avatar at Bram", "h.avatars().some(a => a.name === 'Ada')");

      // The hall's XR frame loop runs in that session: moving the headset moves her avatar for Bram.
      await device("d.position.set(0, 1.6, 0);");
      await nextFrames();
      const before = await hook<Point>(ada.page, "h.self()");
      await device("d.position.set(0.8, 1.6, -0.6);");
      await nextFrames();
      const after = await hook<Point>(ada.page, "h.self()");
      expect(Math.hypot(after.x - before.x, after.z - before.z)).toBeCloseTo(1, 1);
      await expect
        .poll(
          async () => {
            const seen = await adaOnBram();
            return seen ? Math.hypot(seen.x - after.x, seen.y - after.y, seen.z - after.z) : 99;
          },
          { timeout: 20_000, interval: 100 },
        )
        .toBeLessThan(0.04);
      await saveScreenshot(ada.page, "vr-from-join-page");
      expect(ada.errors).toEqual([]);
      expect(bram.errors).toEqual([]);
    },
    VR_TEST_TIMEOUT_MS,
  );
});

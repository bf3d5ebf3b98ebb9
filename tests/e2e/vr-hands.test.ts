/**
 * A citizen in a headset uses tracked hands instead of controllers (IWER's Meta Quest 3 switched to
 * hand input, in a session with the "hand-tracking" feature): the wrist of her right hand moves her
 * avatar's right hand as a desktop page sees it, her left palm turned up opens the wrist menu, and a
 * pinch with the right hand's ray on "raise hand" raises her hand for everyone.
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
  rightHand?: Point;
}
interface HookParticipant {
  name: string;
  device: string;
  handRaised: boolean;
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

/** A quaternion turning -z (a controller's pointing direction) towards yaw (about y), then pitch (about x). */
function aimQuaternion(yaw: number, pitch: number): [number, number, number, number] {
  const cy = Math.cos(yaw / 2);
  const sy = Math.sin(yaw / 2);
  const cp = Math.cos(pitch / 2);
  const sp = Math.sin(pitch / 2);
  return [cy * sp, sy * cp, -sy * sp, cy * cp];
}

/** Rests the right hand's ray on a hand-menu button, nudging the aim around its centre until the menu says so. */
async function aimAt(name: string): Promise<void> {
  await waitUntil(ada.page, `the menu button "${name}"`, `h.xrMenuTarget(${JSON.stringify(name)})`);
  await nextFrames(2);
  const goal = (await hook<Point | null>(ada.page, `h.xrMenuTarget(${JSON.stringify(name)})`)) as Point;
  // From nearer the body than the menu, so the ray meets the panel face on rather than edge on.
  const hand = { x: 0.12, y: 1.3, z: -0.15 };
  const baseYaw = Math.atan2(-(goal.x - hand.x), -(goal.z - hand.z));
  const basePitch = Math.atan2(goal.y - hand.y, Math.hypot(goal.x - hand.x, goal.z - hand.z));
  const nudges = [0, 0.03, -0.03, 0.06, -0.06, 0.1, -0.1];
  for (const pitchNudge of nudges) {
    for (const yawNudge of nudges) {
      const [x, y, z, w] = aimQuaternion(baseYaw + yawNudge, basePitch + pitchNudge);
      await device(
        `d.hands.right.position.set(${hand.x}, ${hand.y}, ${hand.z}); d.hands.right.quaternion.set(${x}, ${y}, ${z}, ${w});`,
      );
      await nextFrames(2);
      if ((await hook<{ menuHover: string }>(ada.page, "h.xr()")).menuHover === name) return;
    }
  }
  throw new Error(`the right hand's ray never rested on "${name}"`);
}

/** A pinch of the right hand's thumb and index finger, closed and opened one frame apart. */
async function pinch(): Promise<void> {
  await device("d.hands.right.updatePinchValue(1);");
  await nextFrames(1);
  await device("d.hands.right.updatePinchValue(0);");
  await nextFrames(1);
}

async function adaOnBram(): Promise<HookAvatar | undefined> {
  const avatars = (await hook<HookAvatar[]>(bram.page, "h.avatars()")) ?? [];
  return avatars.find((avatar) => avatar.name === "Ada");
}

async function adaInState(): Promise<HookParticipant | undefined> {
  const list = (await hook<HookParticipant[]>(bram.page, "h.participants()")) ?? [];
  return list.find((p) => p.name === "Ada");
}

function distance(a: Point | undefined | null, b: Point | undefined | null): number {
  if (!a || !b) return Number.POSITIVE_INFINITY;
  return Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);
}

async function rightWrist(): Promise<Point | null> {
  return (await hook<{ rightHand: Point | null }>(ada.page, "h.xr()")).rightHand;
}

beforeAll(async () => {
  server = await startTestServer();
  [ada, bram] = await Promise.all([launchBrowser({ width: 900, height: 700 }), launchBrowser()]);
});

afterAll(async () => {
  await Promise.all([ada?.close(), bram?.close()]);
  await server?.stop();
});

describe("a citizen in a VR headset with tracked hands", () => {
  it(
    "enters VR and puts the controllers down: only tracked hands remain as input",
    async () => {
      const { joinCode } = await server.createConsultation("Cycle paths");
      for (const [browser, name, query] of [
        [bram, "Bram", "?test=1"],
        [ada, "Ada", "?test=1&xr=emulate"],
      ] as const) {
        await browser.page.goto(`${server.url}/j/${joinCode}${query}`);
        await browser.page.getByTestId("display-name").fill(name);
        const conduct = browser.page.getByTestId("accept-conduct");
        if ((await conduct.count()) > 0) await conduct.check();
        await browser.page.getByTestId("enter-hall").click();
        await waitUntil(browser.page, `${name}'s hall`, "h.ready", 60_000);
      }
      await ada.page.getByTestId("enter-vr").click();
      await waitUntil(ada.page, "Ada's VR session", "h.xr().presenting");
      await device("d.position.set(0, 1.6, 0); d.quaternion.set(0, 0, 0, 1); d.primaryInputMode = 'hand';");
      await waitUntil(
        ada.page,
        "two tracked hands as the session's only input",
        `(() => { const s = h.xrDevice.activeSession; const sources = [...s.inputSources];
          return s.enabledFeatures.includes("hand-tracking") && sources.length === 2 && sources.every((x) => !!x.hand); })()`,
      );
      await waitUntil(ada.page, "Ada's right wrist to be tracked", "h.xr().rightHand");
      await expect.poll(async () => (await adaInState())?.device, { timeout: 20_000 }).toBe("headset");
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "moves Ada's right hand on Bram's screen as her tracked right hand moves",
    async () => {
      await device("d.hands.right.position.set(0.3, 1.25, -0.35); d.hands.right.quaternion.set(0, 0, 0, 1);");
      await nextFrames();
      const before = await rightWrist();
      await expect
        .poll(async () => distance((await adaOnBram())?.rightHand, before), {
          timeout: 20_000,
          interval: 100,
        })
        .toBeLessThan(0.04);
      await device("d.hands.right.position.set(0.1, 1.55, -0.25);");
      await nextFrames();
      const after = await rightWrist();
      // The wrist joint rides on the hand: with the hand's turn unchanged, it moves exactly as far.
      expect(distance(after, before)).toBeCloseTo(Math.hypot(0.2, 0.3, 0.1), 2);
      await expect
        .poll(async () => distance((await adaOnBram())?.rightHand, after), { timeout: 20_000, interval: 100 })
        .toBeLessThan(0.04);
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "opens the wrist menu with the left palm up and raises Ada's hand with a pinch",
    async () => {
      // Ada looks down a little and turns her left palm up (a half turn about the hand's forward axis).
      await device(
        "d.quaternion.set(-0.2588, 0, 0, 0.9659); d.hands.left.position.set(-0.12, 1.2, -0.4); d.hands.left.quaternion.set(0, 0, 1, 0);",
      );
      await waitUntil(ada.page, "the wrist menu to open", "h.xr().menuVisible");
      expect(
        (await hook<{ menuOpen: boolean }>(ada.page, "h.xr()")).menuOpen,
        "no menu button was pressed",
      ).toBe(false);
      expect((await adaInState())?.handRaised).toBe(false);
      await aimAt("hand");
      await saveScreenshot(ada.page, "vr-hands-menu");
      await pinch();
      await expect.poll(async () => (await adaInState())?.handRaised, { timeout: 20_000 }).toBe(true);
      const row = bram.page.locator(`[data-testid=participant-list] li`, { hasText: "Ada" });
      await expect
        .poll(async () => row.getByRole("img", { name: "Hand raised" }).count(), { timeout: 20_000 })
        .toBe(1);
      await nextFrames(3);
      await saveScreenshot(ada.page, "vr-hands-menu-raised");
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "logged no errors",
    () => {
      expect(ada.errors).toEqual([]);
      expect(bram.errors).toEqual([]);
    },
    VR_TEST_TIMEOUT_MS,
  );
});

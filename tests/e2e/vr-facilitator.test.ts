/**
 * A facilitator in a headset (IWER emulating a Meta Quest 3 inside headless Chromium) runs the
 * speaking queue from the facilitator page of the hand menu: a citizen at a desktop raises a hand
 * with the hall's button; the facilitator points the right controller's ray at "give the floor to
 * the next in line" and pulls the trigger, and the citizen has the floor; "take the floor back"
 * takes it again, and the lock reaches the citizen's page too.
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
interface FacilitationView {
  queue: string[];
  locked: boolean;
  floor: { holderId: string; endsAt: number };
  self: { handRaised: boolean; hasFloor: boolean } | null;
}

/** XR frames under SwiftShader are slow, more so on a busy machine: each step gets two minutes at most. */
const VR_TEST_TIMEOUT_MS = 120_000;

let server: TestServer;
let lead: TestBrowser;
let citizen: TestBrowser;
let citizenId = "";

function hook<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(
    `(() => { const h = window.__plenum; return h ? (${expression}) : undefined; })()`,
  ) as Promise<T>;
}

/** Runs code against the emulated headset (`d`) in the facilitator's page. */
function device(code: string): Promise<unknown> {
  return lead.page.evaluate(`(() => { const d = window.__plenum.xrDevice; ${code} })()`);
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

/** Waits for the headset page to draw a few more XR frames (SwiftShader is slow; no fixed sleeps). */
async function nextFrames(count = 3): Promise<void> {
  await lead.page.evaluate(
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

/** Rests the right controller's ray on a hand-menu button, nudging the aim around its centre until the menu says so. */
async function aimAt(name: string): Promise<void> {
  await waitUntil(lead.page, `the menu button "${name}"`, `h.xrMenuTarget(${JSON.stringify(name)})`);
  await nextFrames(2);
  const goal = (await hook<Point | null>(lead.page, `h.xrMenuTarget(${JSON.stringify(name)})`)) as Point;
  // From nearer the body than the menu, so the ray meets the panel face on rather than edge on.
  const hand = { x: 0.12, y: 1.3, z: -0.15 };
  const baseYaw = Math.atan2(-(goal.x - hand.x), -(goal.z - hand.z));
  const basePitch = Math.atan2(goal.y - hand.y, Math.hypot(goal.x - hand.x, goal.z - hand.z));
  const nudges = [0, 0.03, -0.03, 0.06, -0.06, 0.1, -0.1];
  for (const pitchNudge of nudges) {
    for (const yawNudge of nudges) {
      const [x, y, z, w] = aimQuaternion(baseYaw + yawNudge, basePitch + pitchNudge);
      await device(
        `d.controllers.right.position.set(${hand.x}, ${hand.y}, ${hand.z}); d.controllers.right.quaternion.set(${x}, ${y}, ${z}, ${w});`,
      );
      await nextFrames(2);
      if ((await hook<{ menuHover: string }>(lead.page, "h.xr()")).menuHover === name) return;
    }
  }
  throw new Error(`the right controller's ray never rested on "${name}"`);
}

/** A trigger press and release one frame apart: a click, even at the emulator's slow frame rate. */
async function pullTrigger(): Promise<void> {
  await device("d.controllers.right.updateButtonValue('trigger', 1);");
  await nextFrames(1);
  await device("d.controllers.right.updateButtonValue('trigger', 0);");
  await nextFrames(1);
}

function citizenView(): Promise<FacilitationView> {
  return hook<FacilitationView>(citizen.page, "h.facilitation()");
}

async function enterHall(browser: TestBrowser, url: string, name: string): Promise<void> {
  await browser.page.goto(url);
  await browser.page.getByTestId("display-name").fill(name);
  const conduct = browser.page.getByTestId("accept-conduct");
  if ((await conduct.count()) > 0) await conduct.check();
  await browser.page.getByTestId("enter-hall").click();
  await waitUntil(browser.page, `${name}'s hall`, "h.ready", 60_000);
}

beforeAll(async () => {
  server = await startTestServer();
  [lead, citizen] = await Promise.all([launchBrowser({ width: 900, height: 700 }), launchBrowser()]);
});

afterAll(async () => {
  await Promise.all([lead?.close(), citizen?.close()]);
  await server?.stop();
});

describe("a facilitator in a VR headset", () => {
  it(
    "opens the facilitator page of the hand menu, with the citizen's raised hand in its queue",
    async () => {
      const { joinCode, facilitatorKey } = await server.createConsultation("Market square");
      await enterHall(lead, `${server.url}/f/${facilitatorKey}?test=1&xr=emulate`, "Fatima");
      await enterHall(citizen, `${server.url}/j/${joinCode}?test=1`, "Cora");
      citizenId = (await hook<string>(citizen.page, "h.participantId")) ?? "";
      expect(citizenId).not.toBe("");

      await lead.page.getByTestId("enter-vr").click();
      await waitUntil(lead.page, "Fatima's VR session", "h.xr().presenting");

      await citizen.page.getByTestId("raise-hand").click();
      await waitUntil(citizen.page, "Cora's hand in the queue", "h.facilitation().self?.handRaised");
      await waitUntil(lead.page, "Cora in Fatima's queue", `h.facilitation().queue[0] === "${citizenId}"`);

      // Fatima looks down a little at her left hand and opens the menu with the X button.
      await device(
        "d.position.set(0, 1.6, 0); d.quaternion.set(-0.2588, 0, 0, 0.9659); d.controllers.left.position.set(-0.12, 1.2, -0.4); d.controllers.left.quaternion.set(0, 0, 0, 1); d.controllers.left.updateButtonValue('x-button', 1);",
      );
      await waitUntil(lead.page, "the hand menu to open", "h.xr().menuOpen && h.xr().menuVisible");
      await device("d.controllers.left.updateButtonValue('x-button', 0);");
      expect(await hook<Point | null>(lead.page, "h.xrMenuTarget('facilitation-give-next')")).toBeNull();

      await aimAt("facilitation");
      await pullTrigger();
      // The queue lists Cora by name with her own mute button; the floor is free.
      await waitUntil(lead.page, "the facilitator page", `h.xrMenuTarget("facilitation-mute-${citizenId}")`);
      expect(
        await hook<Point | null>(lead.page, "h.xrMenuTarget('hand')"),
        "the first page is gone",
      ).toBeNull();
      await aimAt("facilitation-give-next");
      await saveScreenshot(lead.page, "vr-facilitator-panel");
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "gives the floor to the next in line with the controller ray and trigger",
    async () => {
      expect((await citizenView()).self?.hasFloor).toBe(false);
      await aimAt("facilitation-give-next");
      await pullTrigger();
      await waitUntil(citizen.page, "Cora to have the floor", "h.facilitation().self?.hasFloor", 30_000);
      const view = await citizenView();
      expect(view.floor.holderId).toBe(citizenId);
      expect(view.floor.endsAt, "the default: no time limit, like the console's empty field").toBe(0);
      expect(view.queue).toEqual([]);
      expect(await citizen.page.getByTestId("floor-status").textContent()).toContain("You have the floor");
      await nextFrames(3);
      await saveScreenshot(lead.page, "vr-facilitator-panel-floor-given");
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "takes the floor back the same way, and locks the room for everyone to see",
    async () => {
      await aimAt("facilitation-take-floor");
      await pullTrigger();
      await waitUntil(citizen.page, "Cora to lose the floor", "!h.facilitation().self?.hasFloor", 30_000);
      expect((await citizenView()).floor.holderId).toBe("");

      expect((await citizenView()).locked).toBe(false);
      await aimAt("facilitation-lock");
      await pullTrigger();
      await waitUntil(citizen.page, "the room to be locked", "h.facilitation().locked", 30_000);
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "logged no errors",
    () => {
      expect(lead.errors).toEqual([]);
      expect(citizen.errors).toEqual([]);
    },
    VR_TEST_TIMEOUT_MS,
  );
});

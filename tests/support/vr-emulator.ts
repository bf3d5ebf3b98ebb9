/**
 * Driving a headset emulated by IWER (a Meta Quest 3 inside headless Chromium, on pages opened with
 * `?test=1&xr=emulate`), and reading what a page's test hook says about the hall, for the VR
 * end-to-end tests.
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { PlenumTestHook } from "../../client/src/app/test-hook.ts";
import type { TestBrowser } from "./browser.ts";
import { hook, waitUntil } from "./page-hook.ts";

/** XR frames under SwiftShader are slow, more so on a busy machine: each step gets two minutes at most. */
export const VR_TEST_TIMEOUT_MS = 120_000;

export interface Point {
  x: number;
  y: number;
  z: number;
}

/** `h.xr()`: the headset page's own view of its XR session. */
export type XrView = ReturnType<PlenumTestHook["xr"]>;
/** One of `h.avatars()`: a person as another page draws them. */
export type HookAvatar = ReturnType<PlenumTestHook["avatars"]>[number];
/** One of `h.participants()`: a person in the room's state. */
export type HookParticipant = ReturnType<PlenumTestHook["participants"]>[number];

export function distance(a: Point | undefined | null, b: Point | undefined | null): number {
  if (!a || !b) return Number.POSITIVE_INFINITY;
  return Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);
}

/** The avatar called `name` as `page` draws it. */
export async function avatarNamed(page: Page, name: string): Promise<HookAvatar | undefined> {
  const avatars = (await hook<HookAvatar[]>(page, "h.avatars()")) ?? [];
  return avatars.find((avatar) => avatar.name === name);
}

/** The participant called `name` in the room's state as `page` holds it. */
export async function participantNamed(page: Page, name: string): Promise<HookParticipant | undefined> {
  const list = (await hook<HookParticipant[]>(page, "h.participants()")) ?? [];
  return list.find((p) => p.name === name);
}

/** Waits until `page` draws `name`'s head, or with `part` their right hand, within 4 cm of `where`. */
export async function expectDrawnNear(
  page: Page,
  name: string,
  where: Point | null,
  part: "head" | "rightHand" = "head",
): Promise<void> {
  await expect
    .poll(
      async () => {
        const avatar = await avatarNamed(page, name);
        return distance(part === "head" ? avatar : avatar?.rightHand, where);
      },
      { timeout: 20_000, interval: 100 },
    )
    .toBeLessThan(0.04);
}

/** Waits until the room's state, and the participant list on `page`, show `name` with a raised hand. */
export async function expectHandRaisedOn(page: Page, name: string): Promise<void> {
  await expect
    .poll(async () => (await participantNamed(page, name))?.handRaised, { timeout: 20_000 })
    .toBe(true);
  const row = page.locator(`[data-testid=participant-list] li`, { hasText: name });
  await expect
    .poll(async () => row.getByRole("img", { name: "Hand raised" }).count(), { timeout: 20_000 })
    .toBe(1);
}

/** Opens `url` (a join or facilitator link), gives `name` at the door and waits for the hall. */
export async function enterHall(browser: TestBrowser, url: string, name: string): Promise<void> {
  await browser.page.goto(url);
  await browser.page.getByTestId("display-name").fill(name);
  // The door may ask everyone to accept the consultation's code of conduct first.
  const conduct = browser.page.getByTestId("accept-conduct");
  if ((await conduct.count()) > 0) await conduct.check();
  await browser.page.getByTestId("enter-hall").click();
  await waitUntil(browser.page, `${name}'s hall`, "h.ready", 60_000);
}

/** Puts the headset on with the hall's own VR button and waits for the session. */
export async function enterVr(browser: TestBrowser, name: string): Promise<void> {
  await browser.page.getByTestId("enter-vr").click();
  await waitUntil(browser.page, `${name}'s VR session`, "h.xr().presenting");
}

/** A quaternion turning -z (a controller's pointing direction) towards yaw (about y), then pitch (about x). */
export function aimQuaternion(yaw: number, pitch: number): [number, number, number, number] {
  const cy = Math.cos(yaw / 2);
  const sy = Math.sin(yaw / 2);
  const cp = Math.cos(pitch / 2);
  const sp = Math.sin(pitch / 2);
  return [cy * sp, sy * cp, -sy * sp, cy * cp];
}

/** What points the ray: the right controller, or the right tracked hand. */
export type RayPointer = "controller" | "hand";

/**
 * The emulated headset in one page. Its functions stand alone, so a test file can destructure them
 * at the top while the page itself is opened later, in `beforeAll`.
 */
export interface EmulatedHeadset {
  /** Runs code against the emulated headset (`d`) in the page. */
  device(code: string): Promise<unknown>;
  /** Waits for the page to draw a few more XR frames (SwiftShader is slow; no fixed sleeps). */
  nextFrames(count?: number): Promise<void>;
  /** Holds the right pointer at `from` (in the tracking space), pointing towards yaw, then pitch. */
  pointRay(from: Point, yaw: number, pitch: number): Promise<void>;
  /**
   * Looks down a little at the left controller, held at `leftHand` (in front of the chest unless
   * given), and opens the hand menu with its X button.
   */
  openHandMenu(leftHand?: Point): Promise<void>;
  /** Rests the right pointer's ray on a hand-menu button, nudging the aim around its centre until the menu says so. */
  aimAt(name: string): Promise<void>;
  /** A trigger press and release one frame apart: a click, even at the emulator's slow frame rate. */
  pullTrigger(): Promise<void>;
  /**
   * A light pinch of the right hand's thumb and index finger, closed and opened one frame apart. Any
   * pinch value above 0 is a select; the emulator's full pinch pose also swings the hand's grip about
   * 15 cm, which takes the ray off a button of the now taller hand menu before the press lands.
   */
  pinch(): Promise<void>;
}

export function emulatedHeadset(page: () => Page, pointer: RayPointer = "controller"): EmulatedHeadset {
  const right = pointer === "hand" ? "d.hands.right" : "d.controllers.right";

  const device = (code: string): Promise<unknown> =>
    page().evaluate(`(() => { const d = window.__plenum.xrDevice; ${code} })()`);

  const nextFrames = async (count = 3): Promise<void> => {
    await page().evaluate(
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
  };

  const pointRay = async (from: Point, yaw: number, pitch: number): Promise<void> => {
    const [x, y, z, w] = aimQuaternion(yaw, pitch);
    await device(
      `${right}.position.set(${from.x}, ${from.y}, ${from.z}); ${right}.quaternion.set(${x}, ${y}, ${z}, ${w});`,
    );
  };

  const openHandMenu = async (leftHand: Point = { x: -0.12, y: 1.2, z: -0.4 }): Promise<void> => {
    await device(
      `d.quaternion.set(-0.2588, 0, 0, 0.9659); d.controllers.left.position.set(${leftHand.x}, ${leftHand.y}, ${leftHand.z}); d.controllers.left.quaternion.set(0, 0, 0, 1); d.controllers.left.updateButtonValue('x-button', 1);`,
    );
    await waitUntil(page(), "the hand menu to open", "h.xr().menuOpen && h.xr().menuVisible");
    await device("d.controllers.left.updateButtonValue('x-button', 0);");
  };

  const aimAt = async (name: string): Promise<void> => {
    const target = `h.xrMenuTarget(${JSON.stringify(name)})`;
    await waitUntil(page(), `the menu button "${name}"`, target);
    await nextFrames(2);
    const goal = (await hook<Point | null>(page(), target)) as Point;
    // From nearer the body than the menu, so the ray meets the panel face on rather than edge on.
    const from = { x: 0.12, y: 1.3, z: -0.15 };
    const baseYaw = Math.atan2(-(goal.x - from.x), -(goal.z - from.z));
    const basePitch = Math.atan2(goal.y - from.y, Math.hypot(goal.x - from.x, goal.z - from.z));
    const nudges = [0, 0.03, -0.03, 0.06, -0.06, 0.1, -0.1];
    for (const pitchNudge of nudges) {
      for (const yawNudge of nudges) {
        await pointRay(from, baseYaw + yawNudge, basePitch + pitchNudge);
        await nextFrames(2);
        if ((await hook<XrView>(page(), "h.xr()")).menuHover === name) return;
      }
    }
    throw new Error(`the right ${pointer}'s ray never rested on "${name}"`);
  };

  /** Sets a value on the right pointer, then unsets it one frame later. */
  const press = async (set: (value: number) => string): Promise<void> => {
    await device(set(1));
    await nextFrames(1);
    await device(set(0));
    await nextFrames(1);
  };

  return {
    device,
    nextFrames,
    pointRay,
    openHandMenu,
    aimAt,
    pullTrigger: () => press((value) => `d.controllers.right.updateButtonValue('trigger', ${value});`),
    pinch: () => press((value) => `d.hands.right.updatePinchValue(${value * 0.1});`),
  };
}

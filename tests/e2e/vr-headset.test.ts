/**
 * A citizen in a headset (IWER emulating a Meta Quest 3 inside headless Chromium) and one at a
 * desktop meet in the hall. The headset user enters VR through the hall's button; their head and
 * right controller move their avatar on the desktop screen; a teleport arc thrown with the right
 * stick seats them; the hand menu's raise-hand button, pressed with the controller ray, raises their
 * hand for everyone. Every file the headset loads comes from Plenum itself.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEATED_EYE_HEIGHT, SEATS } from "../../shared/hall/hall-geometry.ts";
import { ARTIFACTS_DIR, launchBrowser, saveScreenshot, type TestBrowser } from "../support/browser.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

interface Point {
  x: number;
  y: number;
  z: number;
}
interface XrView {
  presenting: boolean;
  rig: { x: number; y: number; z: number; yaw: number };
  aiming: boolean;
  aim: { landed: boolean; x: number; z: number; verdict: string; seat: number };
  menuOpen: boolean;
  menuVisible: boolean;
  rightHand: Point | null;
}
interface HookAvatar extends Point {
  name: string;
  rightHand?: Point;
}
interface HookParticipant {
  id: string;
  name: string;
  device: string;
  seat: number;
  handRaised: boolean;
}

/** XR frames under SwiftShader are slow, more so on a busy machine: each step gets two minutes at most. */
const VR_TEST_TIMEOUT_MS = 120_000;

let server: TestServer;
let ada: TestBrowser;
let bram: TestBrowser;
const foreignRequests: string[] = [];

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

async function adaOnBram(): Promise<HookAvatar | undefined> {
  const avatars = (await hook<HookAvatar[]>(bram.page, "h.avatars()")) ?? [];
  return avatars.find((avatar) => avatar.name === "Ada");
}

async function adaInState(): Promise<HookParticipant | undefined> {
  const list = (await hook<HookParticipant[]>(bram.page, "h.participants()")) ?? [];
  return list.find((p) => p.name === "Ada");
}

function distance(a: Point | undefined, b: Point | undefined | null): number {
  if (!a || !b) return Number.POSITIVE_INFINITY;
  return Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);
}

beforeAll(async () => {
  server = await startTestServer();
  [ada, bram] = await Promise.all([launchBrowser({ width: 640, height: 400 }), launchBrowser()]);
  ada.page.on("request", (request) => {
    if (
      !request.url().startsWith(server.url) &&
      !request.url().startsWith("data:") &&
      !request.url().startsWith("blob:")
    )
      foreignRequests.push(request.url());
  });
});

afterAll(async () => {
  await Promise.all([ada?.close(), bram?.close()]);
  await server?.stop();
});

describe("a citizen in a VR headset", () => {
  it(
    "enters the hall in VR through the button and tells the room it wears a headset",
    async () => {
      const { joinCode } = await server.createConsultation("Library opening hours");
      for (const [browser, name, query] of [
        [bram, "Bram", "?test=1"],
        [ada, "Ada", "?test=1&xr=emulate"],
      ] as const) {
        await browser.page.goto(`${server.url}/j/${joinCode}${query}`);
        await browser.page.getByTestId("display-name").fill(name);
        // The door may ask everyone to accept the consultation's code of conduct first.
        const conduct = browser.page.getByTestId("accept-conduct");
        if ((await conduct.count()) > 0) await conduct.check();
        await browser.page.getByTestId("enter-hall").click();
        await waitUntil(browser.page, `${name}'s hall`, "h.ready", 60_000);
      }
      // Only the emulated headset offers VR; the desktop has no WebXR runtime behind navigator.xr.
      await ada.page.getByTestId("enter-vr").click();
      await waitUntil(ada.page, "Ada's VR session", "h.xr().presenting");
      await expect.poll(async () => (await adaInState())?.device, { timeout: 20_000 }).toBe("headset");
      await waitUntil(bram.page, "Ada's avatar at Bram", "h.avatars().some(a => a.name === 'Ada')");
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "moves Ada's head and right hand on Bram's screen as the headset and controller move",
    async () => {
      await device(
        "d.position.set(0.4, 1.7, -0.6); d.quaternion.set(0, 0.2588, 0, 0.9659); d.controllers.right.position.set(0.75, 1.45, -1.1);",
      );
      await nextFrames();
      const headBefore = await hook<Point>(ada.page, "h.self()");
      await device("d.position.set(-0.3, 1.55, 0.2); d.controllers.right.position.set(0.1, 1.9, -0.5);");
      await nextFrames();
      const head = await hook<Point>(ada.page, "h.self()");
      const hand = (await hook<XrView>(ada.page, "h.xr()")).rightHand;
      expect(distance(head, headBefore), "Ada's head moved in the hall").toBeGreaterThan(0.8);
      expect(hand).not.toBeNull();
      await expect
        .poll(async () => distance(await adaOnBram(), head), { timeout: 20_000, interval: 100 })
        .toBeLessThan(0.04);
      await expect
        .poll(async () => distance((await adaOnBram())?.rightHand, hand), { timeout: 20_000, interval: 100 })
        .toBeLessThan(0.04);
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "teleports Ada onto a seat with the right stick's arc",
    async () => {
      await device("d.position.set(0, 1.6, 0); d.quaternion.set(0, 0, 0, 1);");
      await nextFrames();
      const head = await hook<Point>(ada.page, "h.self()");
      const { rig } = await hook<XrView>(ada.page, "h.xr()");
      // A free seat two to five metres from Ada: the arc reaches it comfortably.
      const seat = SEATS.map((s) => ({ s, d: Math.hypot(s.x - head.x, s.z - head.z) }))
        .filter(({ d }) => d > 1.5 && d < 8)
        .sort((a, b) => a.d - b.d)[0]?.s;
      if (!seat) throw new Error(`no seat within reach of ${JSON.stringify(head)}`);
      // The seat in the tracking space: undo the rig's offset and turn.
      const dx = seat.x - rig.x;
      const dz = seat.z - rig.z;
      const local = {
        x: Math.cos(rig.yaw) * dx - Math.sin(rig.yaw) * dz,
        y: 0,
        z: Math.sin(rig.yaw) * dx + Math.cos(rig.yaw) * dz,
      };
      const hand = { x: 0.2, y: 1.3, z: -0.2 };
      const yaw = Math.atan2(-(local.x - hand.x), -(local.z - hand.z));
      await device("d.controllers.right.updateAxes('thumbstick', 0, -1);");
      // Raise or lower the aim until the arc lands on the seat (the landing moves monotonically with pitch).
      let low = -1.3;
      let high = 0.6;
      let verdict = "";
      for (let i = 0; i < 14 && verdict !== "seat"; i++) {
        const pitch = (low + high) / 2;
        const [x, y, z, w] = aimQuaternion(yaw, pitch);
        await device(
          `d.controllers.right.position.set(${hand.x}, ${hand.y}, ${hand.z}); d.controllers.right.quaternion.set(${x}, ${y}, ${z}, ${w});`,
        );
        await nextFrames(2);
        const { aim, aiming } = await hook<XrView>(ada.page, "h.xr()");
        expect(aiming).toBe(true);
        verdict = aim.seat === seat.id ? "seat" : aim.verdict;
        const reach = Math.hypot(aim.x - head.x, aim.z - head.z);
        if (!aim.landed || reach > Math.hypot(seat.x - head.x, seat.z - head.z)) high = pitch;
        else low = pitch;
      }
      expect(verdict, "the arc ends on the chosen seat").toBe("seat");
      await saveScreenshot(ada.page, "vr-teleport-arc");
      await device("d.controllers.right.updateAxes('thumbstick', 0, 0);");

      await expect.poll(async () => (await adaInState())?.seat, { timeout: 20_000 }).toBe(seat.id);
      await expect
        .poll(
          async () => {
            const seen = await adaOnBram();
            return seen
              ? Math.hypot(seen.x - seat.x, seen.z - seat.z) + Math.abs(seen.y - SEATED_EYE_HEIGHT)
              : 99;
          },
          { timeout: 20_000, interval: 100 },
        )
        .toBeLessThan(0.1);
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "raises Ada's hand from the hand menu with the controller ray, for everyone to see",
    async () => {
      // Ada looks down a little at her left hand, as one does to read a wrist menu.
      await device(
        "d.quaternion.set(-0.2588, 0, 0, 0.9659); d.controllers.left.position.set(-0.12, 1.2, -0.4); d.controllers.left.quaternion.set(0, 0, 0, 1); d.controllers.left.updateButtonValue('x-button', 1);",
      );
      await waitUntil(ada.page, "the hand menu to open", "h.xr().menuOpen && h.xr().menuVisible");
      await device("d.controllers.left.updateButtonValue('x-button', 0);");
      await nextFrames();
      const target = await hook<Point | null>(ada.page, "h.xrMenuTarget('hand')");
      expect(target).not.toBeNull();
      // From nearer the body than the menu, so the ray meets the panel face on rather than edge on; then
      // nudge the aim around the button's centre until the ray really rests on it.
      const hand = { x: 0.12, y: 1.3, z: -0.15 };
      const goal = target as Point;
      const baseYaw = Math.atan2(-(goal.x - hand.x), -(goal.z - hand.z));
      const basePitch = Math.atan2(goal.y - hand.y, Math.hypot(goal.x - hand.x, goal.z - hand.z));
      let hovered = "";
      const nudges = [0, 0.03, -0.03, 0.06, -0.06, 0.1, -0.1];
      search: for (const pitchNudge of nudges) {
        for (const yawNudge of nudges) {
          const [x, y, z, w] = aimQuaternion(baseYaw + yawNudge, basePitch + pitchNudge);
          await device(
            `d.controllers.right.position.set(${hand.x}, ${hand.y}, ${hand.z}); d.controllers.right.quaternion.set(${x}, ${y}, ${z}, ${w});`,
          );
          await nextFrames(2);
          hovered = (await hook<XrView & { menuHover: string }>(ada.page, "h.xr()")).menuHover;
          if (hovered === "hand") break search;
        }
      }
      expect(hovered, "the right controller's ray rests on the raise-hand button").toBe("hand");
      await saveScreenshot(ada.page, "vr-hand-menu");
      expect((await adaInState())?.handRaised).toBe(false);

      // A press and release one frame apart: a click, even at the emulator's slow frame rate.
      await device("d.controllers.right.updateButtonValue('trigger', 1);");
      await nextFrames(1);
      await device("d.controllers.right.updateButtonValue('trigger', 0);");
      await expect.poll(async () => (await adaInState())?.handRaised, { timeout: 20_000 }).toBe(true);
      const row = bram.page.locator(`[data-testid=participant-list] li`, { hasText: "Ada" });
      await expect
        .poll(async () => row.getByRole("img", { name: "Hand raised" }).count(), { timeout: 20_000 })
        .toBe(1);
      await nextFrames(3);
      await saveScreenshot(ada.page, "vr-hand-menu-raised");
      await saveScreenshot(bram.page, "desktop-sees-raised-hand");
      // The frame budget of a Quest 2-class headset: the whole hall with both people in a few dozen draws.
      for (const [browser, name] of [
        [ada, "vr"],
        [bram, "desktop"],
      ] as const) {
        const cost = await hook<{ calls: number; triangles: number }>(browser.page, "h.renderInfo()");
        writeFileSync(path.join(ARTIFACTS_DIR, `render-info-${name}.json`), JSON.stringify(cost));
        expect(cost.calls, `${name} draw calls`).toBeLessThan(name === "vr" ? 80 : 120);
        expect(cost.triangles, `${name} triangles`).toBeLessThan(250_000);
      }
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "loaded every file from Plenum itself and logged no errors",
    () => {
      expect(foreignRequests).toEqual([]);
      expect(ada.errors).toEqual([]);
      expect(bram.errors).toEqual([]);
    },
    VR_TEST_TIMEOUT_MS,
  );
});

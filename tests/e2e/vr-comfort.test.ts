/**
 * Comfort options of the headset (IWER emulating a Meta Quest 3 inside headless Chromium): a flick of
 * the right stick turns by exactly one snap step (30 degrees, or 45 once chosen in the hand menu);
 * smooth turning and smooth walking, chosen in the hand menu, move the view while the comfort vignette
 * darkens the edge of sight and clears at rest; seated mode lifts the eyes and its height adjusts in
 * 5 cm steps, as a desktop participant sees.
 */
import { describe, expect, it } from "vitest";
import { saveScreenshot } from "../support/browser.ts";
import { headsetWithDesktop } from "../support/headset-with-desktop.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import { avatarNamed, type Point, VR_TEST_TIMEOUT_MS, type XrView } from "../support/vr-emulator.ts";

const DEG = Math.PI / 180;
/** Eye height of someone sitting on a chair in real life (the emulated headset's y). */
const REAL_SEATED_EYES = 1.15;

/** Ada in the emulated headset, pointing with the right controller; Bram at a desktop. */
const stage = headsetWithDesktop({ headsetViewport: { width: 640, height: 400 } });
const { headset: ada, desktop: bram, meet, device, nextFrames, openHandMenu, aimAt, pullTrigger } = stage;

const xr = () => hook<XrView>(ada.page, "h.xr()");
const self = () => hook<Point & { yaw: number }>(ada.page, "h.self()");

/** The signed difference `to - from` of two angles, in (-180, 180] degrees. */
function turned(from: number, to: number): number {
  const degrees = (to - from) / DEG;
  return degrees - 360 * Math.round(degrees / 360);
}

/** Flicks the right stick fully sideways, holds it for a few frames, and lets go; returns the turn in degrees. */
async function flick(direction: 1 | -1): Promise<number> {
  const before = (await self()).yaw;
  await device(`d.controllers.right.updateAxes('thumbstick', ${direction}, 0);`);
  await nextFrames(6);
  await device("d.controllers.right.updateAxes('thumbstick', 0, 0);");
  await nextFrames(3);
  return turned(before, (await self()).yaw);
}

/** Presses a hand-menu button with the right controller's ray and trigger. */
async function press(name: string): Promise<void> {
  await aimAt(name);
  await pullTrigger();
}

/** Waits until the comfort vignette is fully cleared again (no longer drawn). */
async function expectVignetteCleared(): Promise<void> {
  await waitUntil(ada.page, "the vignette to clear at rest", "h.xr().vignette === 0", 30_000);
  await nextFrames(3);
  expect((await xr()).vignette, "no vignette at rest").toBe(0);
}

describe("comfort options in a VR headset", () => {
  it(
    "turns by exactly 30 degrees per flick of the right stick, however long it is held",
    async () => {
      await meet("Cycle lanes", { desktop: "Bram", headset: "Ada" });
      await device(
        "d.position.set(0, 1.6, 0); d.quaternion.set(0, 0, 0, 1); d.controllers.left.position.set(-0.12, 1.2, -0.4); d.controllers.left.quaternion.set(0, 0, 0, 1);",
      );
      await nextFrames(3);
      expect((await xr()).comfort.turn, "snap turning in 30 degree steps by default").toBe("snap30");
      expect((await xr()).vignette, "no vignette for snap turns").toBe(0);

      expect(await flick(1), "right flick").toBeCloseTo(-30, 1);
      expect(await flick(1), "another right flick").toBeCloseTo(-30, 1);
      expect(await flick(-1), "left flick").toBeCloseTo(30, 1);
      expect((await xr()).vignette, "snap turns need no vignette").toBe(0);
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "turns by 45 degrees once that step is chosen in the hand menu",
    async () => {
      // Ada looks down a little at her left hand and opens the menu with the X button.
      await openHandMenu();
      await nextFrames();
      await press("turn");
      await waitUntil(ada.page, "45 degree steps", "h.xr().comfort.turn === 'snap45'");
      expect(await flick(-1), "left flick").toBeCloseTo(45, 1);
      expect(await flick(1), "right flick").toBeCloseTo(-45, 1);
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "turns smoothly while the stick is held, with the vignette drawn, and clears it at rest",
    async () => {
      await press("turn");
      await waitUntil(ada.page, "smooth turning", "h.xr().comfort.turn === 'smooth'");
      const before = (await self()).yaw;
      await device("d.controllers.right.updateAxes('thumbstick', 1, 0);");
      await waitUntil(ada.page, "the vignette while turning smoothly", "h.xr().vignette > 0.3");
      await nextFrames(4);
      const during = await xr();
      const turning = turned(before, (await self()).yaw);
      await saveScreenshot(ada.page, "vr-smooth-turn-vignette");
      await device("d.controllers.right.updateAxes('thumbstick', 0, 0);");
      expect(during.vignette, "vignette opacity while turning").toBeGreaterThan(0);
      // A right turn that has gone on for several frames; not one snap step.
      expect(turning).toBeLessThan(-2);
      await expectVignetteCleared();
      const atRest = (await self()).yaw;
      await nextFrames(4);
      expect(Math.abs(turned(atRest, (await self()).yaw)), "no turning at rest").toBeLessThan(0.01);
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "walks smoothly with the left stick once chosen, with the vignette drawn, as Bram sees",
    async () => {
      expect((await xr()).comfort.smoothWalk, "teleport only by default").toBe(false);
      const start = await self();
      // Without smooth walking the left stick does not move Ada.
      await device("d.controllers.left.updateAxes('thumbstick', 0, -1);");
      await nextFrames(6);
      await device("d.controllers.left.updateAxes('thumbstick', 0, 0);");
      await nextFrames(2);
      const still = await self();
      expect(Math.hypot(still.x - start.x, still.z - start.z), "no walking by default").toBeLessThan(0.01);

      await press("walk");
      await waitUntil(ada.page, "smooth walking", "h.xr().comfort.smoothWalk === true");
      // Push the stick so that Ada walks towards the stage (-z in the hall), whichever way she faces.
      const { yaw } = await self();
      await device(`d.controllers.left.updateAxes('thumbstick', ${Math.sin(yaw)}, ${-Math.cos(yaw)});`);
      await waitUntil(ada.page, "the vignette while walking", "h.xr().vignette > 0.3");
      await nextFrames(6);
      const during = await xr();
      const walked = await self();
      await device("d.controllers.left.updateAxes('thumbstick', 0, 0);");
      expect(during.vignette, "vignette opacity while walking").toBeGreaterThan(0);
      expect(start.z - walked.z, "walked towards the stage").toBeGreaterThan(0.3);
      expect(Math.abs(walked.x - start.x), "straight ahead").toBeLessThan(0.15);
      await expectVignetteCleared();
      const stopped = await self();
      await expect
        .poll(
          async () => {
            const seen = await avatarNamed(bram.page, "Ada");
            return seen ? Math.hypot(seen.x - stopped.x, seen.z - stopped.z) : 99;
          },
          { timeout: 20_000, interval: 100 },
        )
        .toBeLessThan(0.04);
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "lifts a seated player's eyes, adjustable in 5 cm steps, as Bram sees",
    async () => {
      await device(`d.position.set(0, ${REAL_SEATED_EYES}, 0);`);
      await nextFrames(3);
      const standing = await self();
      expect((await xr()).comfort.seated).toBe(false);

      await press("seated");
      await waitUntil(ada.page, "seated mode", "h.xr().comfort.seated === true");
      await nextFrames(3);
      const { seatedLift } = (await xr()).comfort;
      expect(seatedLift).toBeGreaterThan(0);
      const seated = await self();
      expect(seated.y - standing.y, "eyes lifted by the seated height").toBeCloseTo(seatedLift, 2);

      await press("higher");
      await waitUntil(ada.page, "5 cm higher", `h.xr().comfort.seatedLift > ${seatedLift + 0.04}`);
      await nextFrames(3);
      const higher = await self();
      expect(higher.y - seated.y, "one step up").toBeCloseTo(0.05, 2);

      await press("lower");
      await press("lower");
      await waitUntil(ada.page, "5 cm lower", `h.xr().comfort.seatedLift < ${seatedLift - 0.04}`);
      await nextFrames(3);
      const lower = await self();
      expect(lower.y - seated.y, "one step below the start").toBeCloseTo(-0.05, 2);
      await expect
        .poll(async () => Math.abs(((await avatarNamed(bram.page, "Ada"))?.y ?? 99) - lower.y), {
          timeout: 20_000,
          interval: 100,
        })
        .toBeLessThan(0.03);

      await press("seated");
      await waitUntil(ada.page, "standing play again", "h.xr().comfort.seated === false");
      await nextFrames(3);
      expect((await self()).y, "back to the real eye height").toBeCloseTo(standing.y, 2);
    },
    VR_TEST_TIMEOUT_MS,
  );

  it("logged no errors", () => stage.expectNoErrors(), VR_TEST_TIMEOUT_MS);
});

/**
 * A citizen in a headset uses tracked hands instead of controllers (IWER's Meta Quest 3 switched to
 * hand input, in a session with the "hand-tracking" feature): the wrist of her right hand moves her
 * avatar's right hand as a desktop page sees it, her left palm turned up opens the wrist menu, and a
 * pinch with the right hand's ray on "raise hand" raises her hand for everyone.
 */
import { describe, expect, it } from "vitest";
import { saveScreenshot } from "../support/browser.ts";
import { headsetWithDesktop } from "../support/headset-with-desktop.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import {
  distance,
  expectDrawnNear,
  expectHandRaisedOn,
  type Point,
  participantNamed,
  VR_TEST_TIMEOUT_MS,
  type XrView,
} from "../support/vr-emulator.ts";

/** Ada in the emulated headset, pointing with her tracked right hand; Bram at a desktop. */
const stage = headsetWithDesktop({ headsetViewport: { width: 900, height: 700 }, pointer: "hand" });
const { headset: ada, desktop: bram, meet, device, nextFrames, aimAt, pinch } = stage;

async function rightWrist(): Promise<Point | null> {
  return (await hook<XrView>(ada.page, "h.xr()")).rightHand;
}

describe("a citizen in a VR headset with tracked hands", () => {
  it(
    "enters VR and puts the controllers down: only tracked hands remain as input",
    async () => {
      await meet("Cycle paths", { desktop: "Bram", headset: "Ada" });
      await device("d.position.set(0, 1.6, 0); d.quaternion.set(0, 0, 0, 1); d.primaryInputMode = 'hand';");
      await waitUntil(
        ada.page,
        "two tracked hands as the session's only input",
        `(() => { const s = h.xrDevice.activeSession; const sources = [...s.inputSources];
          return s.enabledFeatures.includes("hand-tracking") && sources.length === 2 && sources.every((x) => !!x.hand); })()`,
      );
      await waitUntil(ada.page, "Ada's right wrist to be tracked", "h.xr().rightHand");
      await expect
        .poll(async () => (await participantNamed(bram.page, "Ada"))?.device, { timeout: 20_000 })
        .toBe("headset");
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "moves Ada's right hand on Bram's screen as her tracked right hand moves",
    async () => {
      await device("d.hands.right.position.set(0.3, 1.25, -0.35); d.hands.right.quaternion.set(0, 0, 0, 1);");
      await nextFrames();
      const before = await rightWrist();
      await expectDrawnNear(bram.page, "Ada", before, "rightHand");
      await device("d.hands.right.position.set(0.1, 1.55, -0.25);");
      await nextFrames();
      const after = await rightWrist();
      // The wrist joint rides on the hand: with the hand's turn unchanged, it moves exactly as far.
      expect(distance(after, before)).toBeCloseTo(Math.hypot(0.2, 0.3, 0.1), 2);
      await expectDrawnNear(bram.page, "Ada", after, "rightHand");
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
      expect((await hook<XrView>(ada.page, "h.xr()")).menuOpen, "no menu button was pressed").toBe(false);
      expect((await participantNamed(bram.page, "Ada"))?.handRaised).toBe(false);
      await aimAt("hand");
      await saveScreenshot(ada.page, "vr-hands-menu");
      await pinch();
      await expectHandRaisedOn(bram.page, "Ada");
      await nextFrames(3);
      await saveScreenshot(ada.page, "vr-hands-menu-raised");
    },
    VR_TEST_TIMEOUT_MS,
  );

  it("logged no errors", () => stage.expectNoErrors(), VR_TEST_TIMEOUT_MS);
});

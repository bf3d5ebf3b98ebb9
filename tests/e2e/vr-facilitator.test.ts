/**
 * A facilitator in a headset (IWER emulating a Meta Quest 3 inside headless Chromium) runs the
 * speaking queue from the facilitator page of the hand menu: a citizen at a desktop raises a hand
 * with the hall's button; the facilitator points the right controller's ray at "give the floor to
 * the next in line" and pulls the trigger, and the citizen has the floor; "take the floor back"
 * takes it again, and the lock reaches the citizen's page too.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, saveScreenshot, type TestBrowser } from "../support/browser.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import {
  emulatedHeadset,
  enterHall,
  enterVr,
  type Point,
  VR_TEST_TIMEOUT_MS,
} from "../support/vr-emulator.ts";

interface FacilitationView {
  queue: string[];
  locked: boolean;
  floor: { holderId: string; endsAt: number };
  self: { handRaised: boolean; hasFloor: boolean } | null;
}

let server: TestServer;
let lead: TestBrowser;
let citizen: TestBrowser;
let citizenId = "";

/** The facilitator's emulated headset, pointing with the right controller. */
const { device, nextFrames, aimAt, pullTrigger } = emulatedHeadset(() => lead.page);

function citizenView(): Promise<FacilitationView> {
  return hook<FacilitationView>(citizen.page, "h.facilitation()");
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

      await enterVr(lead, "Fatima");

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

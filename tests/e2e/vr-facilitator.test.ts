/**
 * A facilitator in a headset (IWER emulating a Meta Quest 3 inside headless Chromium) runs the
 * speaking queue from the facilitator page of the hand menu: a citizen at a desktop raises a hand
 * with the hall's button; the facilitator points the right controller's ray at "give the floor to
 * the next in line" and pulls the trigger, and the citizen has the floor; "take the floor back"
 * takes it again, and the lock reaches the citizen's page too. From the same page the facilitator
 * makes the citizen an interpreter for a pair of languages chosen with the ray, and withdraws it.
 */
import { describe, expect, it } from "vitest";
import { saveScreenshot } from "../support/browser.ts";
import { headsetWithDesktop } from "../support/headset-with-desktop.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import { type Point, VR_TEST_TIMEOUT_MS } from "../support/vr-emulator.ts";

interface FacilitationView {
  queue: string[];
  locked: boolean;
  floor: { holderId: string; endsAt: number };
  self: { handRaised: boolean; hasFloor: boolean } | null;
}

/** The facilitator in the emulated headset, pointing with the right controller; a citizen at a desktop. */
const stage = headsetWithDesktop({ headsetViewport: { width: 900, height: 700 } });
const { headset: lead, desktop: citizen, meet, device, nextFrames, openHandMenu, aimAt, pullTrigger } = stage;
let citizenId = "";

function citizenView(): Promise<FacilitationView> {
  return hook<FacilitationView>(citizen.page, "h.facilitation()");
}

describe("a facilitator in a VR headset", () => {
  it(
    "opens the facilitator page of the hand menu, with the citizen's raised hand in its queue",
    async () => {
      await meet("Market square", { desktop: "Cora", headset: "Fatima", facilitator: "headset" });
      citizenId = (await hook<string>(citizen.page, "h.participantId")) ?? "";
      expect(citizenId).not.toBe("");

      await citizen.page.getByTestId("raise-hand").click();
      await waitUntil(citizen.page, "Cora's hand in the queue", "h.facilitation().self?.handRaised");
      await waitUntil(lead.page, "Cora in Fatima's queue", `h.facilitation().queue[0] === "${citizenId}"`);

      // Fatima stands, looks down a little at her left hand and opens the menu with the X button.
      await device("d.position.set(0, 1.6, 0);");
      await openHandMenu();
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
    "makes the citizen an interpreter between Dutch and English from the headset, and withdraws it",
    async () => {
      const cora = `h.participants().find((p) => p.id === "${citizenId}")`;
      await waitUntil(lead.page, "the interpreter controls", 'h.xrMenuTarget("interpreter-assign")');
      // The pairs go Dutch and French, Dutch and English, French and English: one step for English.
      await aimAt("interpreter-pair");
      await pullTrigger();
      await nextFrames(3);
      await aimAt("interpreter-assign");
      await pullTrigger();
      await waitUntil(
        citizen.page,
        "Cora to interpret between Dutch and English",
        `${cora}?.role === "interpreter" && ${cora}?.interpreterLanguages.join(" ") === "nl en"`,
        30_000,
      );
      await waitUntil(
        lead.page,
        "the withdraw button",
        `h.xrMenuTarget("interpreter-withdraw-${citizenId}")`,
      );
      await nextFrames(3);
      await saveScreenshot(lead.page, "vr-facilitator-interpreter");
      await aimAt(`interpreter-withdraw-${citizenId}`);
      await pullTrigger();
      await waitUntil(citizen.page, "Cora to be a citizen again", `${cora}?.role === "citizen"`, 30_000);
      expect(await hook<string[]>(citizen.page, `${cora}?.interpreterLanguages`)).toEqual([]);
    },
    VR_TEST_TIMEOUT_MS,
  );

  it("logged no errors", () => stage.expectNoErrors(), VR_TEST_TIMEOUT_MS);
});

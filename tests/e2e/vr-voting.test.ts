/**
 * Voting from a headset (IWER emulating a Meta Quest 3 inside headless Chromium): a facilitator at a
 * desktop creates and opens a single-choice poll from the console; a citizen in VR opens the hand menu,
 * goes to its poll page with "Vote", and presses an answer with the right controller's ray and trigger.
 * The room records the ballot, the headset says so, and the facilitator's live results count it.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { waitForOneBallot, waitForOwnBallot } from "../support/ballot-waits.ts";
import { ARTIFACTS_DIR, saveScreenshot } from "../support/browser.ts";
import { createOpenPoll } from "../support/console-poll.ts";
import { headsetWithDesktop } from "../support/headset-with-desktop.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import { type Point, VR_TEST_TIMEOUT_MS } from "../support/vr-emulator.ts";

interface ConsultationView {
  activePollId: string;
  polls: { id: string; question: string; status: string; ballots: number; counts: number[] }[];
  myBallots: Record<string, number[]>;
}

const QUESTION = "What should the square get first?";

/** A citizen in the emulated headset, pointing with the right controller; the facilitator at a desktop. */
const stage = headsetWithDesktop({ desktopViewport: { width: 1280, height: 900 } });
const { headset: citizen, desktop: lead, meet, device, nextFrames, openHandMenu, aimAt, pullTrigger } = stage;

const view = (page: Page) => hook<ConsultationView>(page, "h.consultation()");

interface FrameCost {
  calls: number;
  triangles: number;
}

/** The headset's frame cost once it has settled (the controller models load after the session starts). */
async function settledCost(): Promise<FrameCost> {
  let last: FrameCost = { calls: -1, triangles: -1 };
  let same = 0;
  for (let i = 0; i < 60 && same < 5; i++) {
    await nextFrames(2);
    const cost = await hook<FrameCost>(citizen.page, "h.renderInfo()");
    same = cost.calls === last.calls ? same + 1 : 0;
    last = cost;
  }
  return last;
}

/** What Cora's headset draws with the menu open and no poll yet. */
let costWithoutPoll: FrameCost = { calls: 0, triangles: 0 };

describe("a citizen voting from a VR headset", () => {
  it(
    "sees a Vote entry in the hand menu once the facilitator opens a poll",
    async () => {
      await meet("Market square", { desktop: "Fatima", headset: "Cora", facilitator: "desktop" });

      // Cora stands, looks down a little at her left hand and opens the menu with the X button: no poll yet.
      await device("d.position.set(0, 1.6, 0);");
      await openHandMenu();
      await nextFrames(2);
      costWithoutPoll = await settledCost();
      expect(
        await hook<Point | null>(citizen.page, "h.xrMenuTarget('vote')"),
        "no poll, no entry",
      ).toBeNull();

      // The facilitator creates and opens a single-choice poll from the console, as on the desktop.
      const page = lead.page;
      await page.getByTestId("console-toggle").click();
      await createOpenPoll(page, QUESTION, "single", "Playground\nTrees\nBenches");
      await waitUntil(
        citizen.page,
        "the open poll to reach the headset",
        `(() => { const c = h.consultation(); return c.polls.some(p => p.id === c.activePollId && p.status === "open"); })()`,
      );

      await aimAt("vote");
      await pullTrigger();
      await waitUntil(citizen.page, "the poll page", `h.xrMenuTarget("poll-option-1")`);
      expect(
        await hook<Point | null>(citizen.page, "h.xrMenuTarget('hand')"),
        "the first page is gone",
      ).toBeNull();
      expect(
        await hook<Point | null>(citizen.page, "h.xrMenuTarget('poll-submit')"),
        "single: no submit",
      ).toBeNull();
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "presses an answer with the controller ray and trigger, and the facilitator's live results count it",
    async () => {
      // Only the headset was waited for: Fatima's page may take its patch later.
      await expect.poll(async () => (await view(lead.page)).activePollId, { timeout: 20_000 }).not.toBe("");
      const pollId = (await view(lead.page)).activePollId;
      await aimAt("poll-option-1");
      await pullTrigger();
      await waitForOwnBallot(citizen.page, "the room to acknowledge Cora's ballot", pollId, [1]);
      await waitForOneBallot(lead.page, "the ballot in the facilitator's live results", pollId, 1);
      const poll = (await view(lead.page)).polls.find((p) => p.id === pollId);
      expect(poll?.counts).toEqual([0, 1, 0]);

      // The recorded note and the chosen answer drawn in accent colour; keep what Cora sees.
      await aimAt("poll-option-2");
      await nextFrames(3);
      await saveScreenshot(citizen.page, "vr-poll-page");
      const cost = await settledCost();
      writeFileSync(
        path.join(ARTIFACTS_DIR, "render-info-vr-poll.json"),
        JSON.stringify({ ...cost, withoutPoll: costWithoutPoll }),
      );
      // The poll's question, answers and counts join the screen's one text draw and its bars are one
      // instanced mesh: the poll view, Cora's mark on her answer included, costs at most three draws per
      // eye more than the hall without a poll (a three-answer poll cost thirteen more before).
      expect(
        cost.calls - costWithoutPoll.calls,
        "VR draw calls the poll adds (two eyes)",
      ).toBeLessThanOrEqual(6);
      expect(cost.triangles, "VR triangles with a poll on the screen").toBeLessThan(250_000);
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "replaces the ballot when the citizen presses another answer",
    async () => {
      const pollId = (await view(lead.page)).activePollId;
      await aimAt("poll-option-2");
      await pullTrigger();
      await waitForOneBallot(lead.page, "the ballot moved to Benches", pollId, 2);
      expect((await view(lead.page)).polls.find((p) => p.id === pollId)?.counts).toEqual([0, 0, 1]);
      // Cora's acknowledgement travels apart from Fatima's patch and may come after it.
      await waitForOwnBallot(citizen.page, "the room to acknowledge Cora's new ballot", pollId, [2]);
      await nextFrames(3);
      await saveScreenshot(citizen.page, "vr-poll-page-changed");
    },
    VR_TEST_TIMEOUT_MS,
  );

  it("logged no errors", () => stage.expectNoErrors(), VR_TEST_TIMEOUT_MS);
});

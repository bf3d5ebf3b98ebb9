/**
 * Voting by pointing at the big screen from a headset (IWER emulating a Meta Quest 3 inside headless
 * Chromium): a facilitator opens a poll from the console; a citizen in VR rests the right controller's
 * ray on an answer's row of the results on the big screen and pulls the trigger. The room records the
 * ballot through the same request as the card and the hand menu; pointing at another answer replaces it;
 * a multiple-choice poll with results hidden until the close still lists its answers to point at. The
 * hand menu shows the agenda item the facilitator started, with its timer.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { waitForOneBallot, waitForOwnBallot } from "../support/ballot-waits.ts";
import { saveScreenshot } from "../support/browser.ts";
import { createOpenPoll } from "../support/console-poll.ts";
import { headsetWithDesktop } from "../support/headset-with-desktop.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import { type Point, VR_TEST_TIMEOUT_MS } from "../support/vr-emulator.ts";

interface ConsultationView {
  activePollId: string;
  polls: { id: string; question: string; status: string; ballots: number; counts: number[] }[];
  myBallots: Record<string, number[]>;
  screen: { mode: string; question: string; pointed: number };
  menuAgenda: { title: string; time: string };
}

/** A citizen in the emulated headset, pointing with the right controller; the facilitator at a desktop. */
const stage = headsetWithDesktop({ desktopViewport: { width: 1280, height: 1000 } });
const {
  headset: citizen,
  desktop: lead,
  meet,
  device,
  nextFrames,
  pointRay,
  openHandMenu,
  pullTrigger,
} = stage;

const view = (page: Page) => hook<ConsultationView>(page, "h.consultation()");

/** Where the controller is held while pointing: in front of the chest, a little to the right. */
const HAND = { x: 0.2, y: 1.3, z: -0.3 };

/** Rests the right controller's ray on answer row `row` of the big screen, nudging until the page says so. */
async function aimAtScreenRow(row: number): Promise<void> {
  const target = `h.screenPollTarget(${row})`;
  await waitUntil(citizen.page, `answer row ${row} on the screen`, target);
  const goal = (await hook<Point>(citizen.page, target)) as Point;
  const baseYaw = Math.atan2(-(goal.x - HAND.x), -(goal.z - HAND.z));
  const basePitch = Math.atan2(goal.y - HAND.y, Math.hypot(goal.x - HAND.x, goal.z - HAND.z));
  // The screen is 15 to 25 m away: a row is a couple of degrees tall.
  const nudges = [0, 0.004, -0.004, 0.008, -0.008];
  for (const pitchNudge of nudges) {
    for (const yawNudge of nudges) {
      await pointRay(HAND, baseYaw + yawNudge, basePitch + pitchNudge);
      await nextFrames(2);
      if ((await view(citizen.page)).screen.pointed === row) return;
    }
  }
  throw new Error(`the right controller's ray never rested on answer row ${row}`);
}

async function openPoll(question: string, kind: string, options: string, extra?: () => Promise<void>) {
  await createOpenPoll(lead.page, question, kind, options, extra);
  await waitUntil(
    citizen.page,
    `"${question}" open on the headset's screen`,
    `(() => { const c = h.consultation(); const p = c.polls.find(p => p.id === c.activePollId); return p && p.question === ${JSON.stringify(question)} && p.status === "open" && c.screen.mode === "poll"; })()`,
  );
  return (await view(citizen.page)).activePollId;
}

describe("a citizen voting by pointing at the big screen from a VR headset", () => {
  let pollId = "";

  it(
    "votes for the answer the controller's ray rests on when the trigger is pulled",
    async () => {
      await meet("Market square", { desktop: "Fatima", headset: "Cora", facilitator: "desktop" });
      // Cora stands and looks ahead at the stage, the menu closed.
      await device("d.position.set(0, 1.6, 0); d.quaternion.set(0, 0, 0, 1);");
      await lead.page.getByTestId("console-toggle").click();
      pollId = await openPoll("What should the square get first?", "single", "Playground\nTrees\nBenches");

      await aimAtScreenRow(1);
      // Pointing alone votes for nothing.
      await nextFrames(3);
      expect((await view(citizen.page)).myBallots[pollId]).toBeUndefined();
      await pullTrigger();
      await waitForOwnBallot(citizen.page, "the room to acknowledge Cora's ballot", pollId, [1]);
      await waitForOneBallot(lead.page, "the ballot in the facilitator's live results", pollId, 1);
      expect((await view(lead.page)).polls.find((p) => p.id === pollId)?.counts).toEqual([0, 1, 0]);
      await nextFrames(3);
      await saveScreenshot(citizen.page, "vr-screen-vote");
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "replaces the ballot when the ray rests on another answer and the trigger is pulled again",
    async () => {
      await aimAtScreenRow(2);
      await pullTrigger();
      await waitForOneBallot(lead.page, "the ballot moved to Benches", pollId, 2);
      expect((await view(lead.page)).polls.find((p) => p.id === pollId)?.counts).toEqual([0, 0, 1]);
      // Cora's acknowledgement travels apart from Fatima's patch and may come after it.
      await waitForOwnBallot(citizen.page, "the room to acknowledge Cora's new ballot", pollId, [2]);
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "ticks answers of a multiple-choice poll whose results stay hidden until the close",
    async () => {
      const page = lead.page;
      const multiple = await openPoll(
        "Which stalls should stay?",
        "multiple",
        "Fish\nFlowers\nBread\nCheese",
        async () => {
          await page.getByLabel("At most this many choices").fill("2");
          await page.getByLabel("At close", { exact: true }).check();
        },
      );
      expect(multiple).not.toBe(pollId);
      expect((await view(citizen.page)).polls.find((p) => p.id === multiple)?.counts).toEqual([]);

      await aimAtScreenRow(0);
      await pullTrigger();
      await waitForOwnBallot(citizen.page, "Fish in Cora's ballot", multiple, [0]);
      await aimAtScreenRow(2);
      await pullTrigger();
      await waitForOwnBallot(citizen.page, "Fish and Bread in Cora's ballot", multiple, [0, 2]);
      // A third answer does not fit in a ballot of at most two: nothing is sent.
      await aimAtScreenRow(3);
      await pullTrigger();
      await nextFrames(5);
      expect((await view(citizen.page)).myBallots[multiple]).toEqual([0, 2]);
      await waitForOneBallot(lead.page, "one ballot counted, its choices hidden", multiple);
      await saveScreenshot(citizen.page, "vr-screen-vote-multiple");
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "shows the current agenda item and its timer on the hand menu",
    async () => {
      const page = lead.page;
      await page.getByTestId("agenda-add").click();
      await page.getByTestId("agenda-title-0").fill("Stalls and parking");
      await page.getByTestId("agenda-minutes-0").fill("15");
      await page.getByTestId("agenda-save").click();
      await page.getByTestId("agenda-next").click();
      // Cora looks down at her left hand and opens the menu with the X button.
      await openHandMenu();
      await waitUntil(
        citizen.page,
        "the agenda item on the hand menu",
        `(() => { const m = h.consultation().menuAgenda; return m.title === "Stalls and parking" && /^(15:00|14:\\d\\d) left$/.test(m.time); })()`,
      );
      await nextFrames(3);
      await saveScreenshot(citizen.page, "vr-hand-menu-agenda");
    },
    VR_TEST_TIMEOUT_MS,
  );

  it("logged no errors", () => stage.expectNoErrors(), VR_TEST_TIMEOUT_MS);
});

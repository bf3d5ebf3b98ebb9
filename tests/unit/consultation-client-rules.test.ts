/**
 * The client's pure consultation helpers: poll bars for the screen, the overlay and the report, ranking
 * reorder, ballot choices for the poll card and the headset's poll page, the budget form's limits, the agenda timer, the ideas wall's selection and layout, and the
 * big screen's result rows.
 */
import { describe, expect, it } from "vitest";
import { agendaClock } from "../../client/src/consultation/agenda-clock.ts";
import {
  ballotChoices,
  ballotHint,
  pointedBallot,
  pollSpecOf,
  toggleChoice,
} from "../../client/src/consultation/ballot-choices.ts";
import {
  maxForProposal,
  remainingBudget,
  withAmount,
} from "../../client/src/consultation/budget-allocation.ts";
import {
  IDEAS_WALL,
  ideasOnWall,
  NOTE_SIZE,
  noteSlot,
  noteText,
  WALL_NOTE_CAP,
} from "../../client/src/consultation/ideas-wall-layout.ts";
import { barLengths, percentOf, resultBars } from "../../client/src/consultation/poll-results.ts";
import { initialRanking, moveInRanking } from "../../client/src/consultation/ranking-order.ts";
import { reportPollBars } from "../../client/src/consultation/report-charts.ts";
import { RESULTS_AREA, resultRows } from "../../client/src/scene/screen-layout.ts";
import {
  ROW_LEFT,
  ROW_RIGHT,
  screenRowAt,
  screenRowCentre,
} from "../../client/src/scene/screen-poll-targets.ts";
import { HALL, isInsideHall, SCREEN, WINDOWS } from "../../shared/hall/hall-geometry.ts";

describe("poll results as bars", () => {
  it("counts votes per option, ballots per scale value, and Borda points for a ranking", () => {
    expect(resultBars({ kind: "single", options: ["A", "B"], scaleMax: 5, counts: [3, 1] })).toEqual([
      { label: "A", value: 3 },
      { label: "B", value: 1 },
    ]);
    expect(
      resultBars({ kind: "scale", options: [], scaleMax: 5, counts: [0, 1, 0, 2, 0] }).map((b) => b.label),
    ).toEqual(["1", "2", "3", "4", "5"]);
    // Two ballots: [A, B, C] and [B, A, C]. A: 2 + 1, B: 1 + 2, C: 0.
    const counts = [1, 1, 0, 1, 1, 0, 0, 0, 2];
    expect(resultBars({ kind: "ranking", options: ["A", "B", "C"], scaleMax: 5, counts })).toEqual([
      { label: "A", value: 3 },
      { label: "B", value: 3 },
      { label: "C", value: 0 },
    ]);
  });

  it("draws nothing while results are hidden", () => {
    expect(resultBars({ kind: "single", options: ["A", "B"], scaleMax: 5, counts: [] })).toEqual([]);
  });

  it("scales the longest bar to the maximum and leaves all-zero results flat", () => {
    expect(barLengths([2, 4, 0], 10)).toEqual([5, 10, 0]);
    expect(barLengths([0, 0], 10)).toEqual([0, 0]);
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(1, 0)).toBe(0);
  });

  it("reads the report's polls the same way (ranking by Borda points)", () => {
    const base = { question: "Q", anonymous: true, ballots: 2 } as const;
    expect(
      reportPollBars({
        ...base,
        kind: "ranking",
        options: ["A", "B"],
        counts: [
          [1, 1],
          [1, 1],
        ],
        bordaScores: [1, 1],
      }),
    ).toEqual([
      { label: "A", value: 1 },
      { label: "B", value: 1 },
    ]);
    expect(reportPollBars({ ...base, kind: "multiple", options: ["A", "B"], counts: [2, 1] })[0]).toEqual({
      label: "A",
      value: 2,
    });
  });
});

describe("ranking ballot order", () => {
  it("moves an option up or down one place, never past either end", () => {
    expect(initialRanking(3)).toEqual([0, 1, 2]);
    expect(moveInRanking([0, 1, 2], 2, -1)).toEqual([0, 2, 1]);
    expect(moveInRanking([0, 1, 2], 0, 1)).toEqual([1, 0, 2]);
    expect(moveInRanking([0, 1, 2], 0, -1)).toEqual([0, 1, 2]);
    expect(moveInRanking([0, 1, 2], 2, 1)).toEqual([0, 1, 2]);
  });
});

describe("the budget form", () => {
  it("shows what is left and never lets a proposal take more than its cost or the rest of the total", () => {
    const mine = { a: 60, b: 30 };
    expect(remainingBudget(100, mine)).toBe(10);
    expect(maxForProposal(100, 50, mine, "b")).toBe(40);
    expect(maxForProposal(100, 25, mine, "b")).toBe(25);
    expect(withAmount(100, 50, mine, "b", 500)).toEqual({ a: 60, b: 40 });
    expect(withAmount(100, 50, mine, "b", -3)).toEqual({ a: 60, b: 0 });
    expect(withAmount(100, 50, mine, "c", 7.8)).toEqual({ a: 60, b: 30, c: 7 });
    expect(withAmount(100, 50, mine, "c", Number.NaN)).toEqual({ a: 60, b: 30, c: 0 });
  });
});

describe("the agenda timer", () => {
  it("adds the running stretch to the time spent and tells when the item runs over", () => {
    expect(agendaClock(10, 60_000, 1_000_000, 1_120_000)).toEqual({
      elapsedMs: 180_000,
      remainingMs: 420_000,
      over: false,
    });
    expect(agendaClock(1, 0, 1_000_000, 1_090_000).over).toBe(true);
    expect(agendaClock(5, 1000, 0, 9_999_999).elapsedMs).toBe(1000);
  });
});

describe("the ideas wall", () => {
  const idea = (id: string, votes: number, pinned = false, createdAt = 0) => ({
    id,
    votes,
    pinned,
    createdAt,
  });

  it("puts pinned ideas first, then the most upvoted, older first on a tie, capped", () => {
    const ideas = [idea("a", 1), idea("b", 5), idea("c", 0, true), idea("d", 5, false, -1)];
    expect(ideasOnWall(ideas).map((i) => i.id)).toEqual(["c", "d", "b", "a"]);
    const many = Array.from({ length: 100 }, (_, i) => idea(`i${i}`, i));
    const shown = ideasOnWall(many);
    expect(shown).toHaveLength(WALL_NOTE_CAP);
    expect(shown[0]?.id).toBe("i99");
  });

  it("hangs every note on the left wall inside the hall, clear of the windows and of each other", () => {
    const windows = WINDOWS.filter((w) => w.side < 0);
    const slots = Array.from({ length: WALL_NOTE_CAP }, (_, i) => noteSlot(i));
    for (const slot of slots) {
      expect(isInsideHall(slot.x, slot.y, slot.z)).toBe(true);
      expect(slot.x).toBeCloseTo(HALL.minX, 1);
      expect(slot.z - NOTE_SIZE / 2).toBeGreaterThanOrEqual(IDEAS_WALL.minZ - 1e-9);
      expect(slot.z + NOTE_SIZE / 2).toBeLessThanOrEqual(IDEAS_WALL.maxZ + 1e-9);
      expect(slot.y - NOTE_SIZE / 2).toBeGreaterThanOrEqual(IDEAS_WALL.bottom - 1e-9);
      for (const w of windows) expect(Math.abs(slot.z - w.z)).toBeGreaterThan(w.width / 2 + NOTE_SIZE / 2);
    }
    for (let i = 0; i < slots.length; i++)
      for (let j = i + 1; j < slots.length; j++) {
        const a = slots[i] as { y: number; z: number };
        const b = slots[j] as { y: number; z: number };
        expect(Math.max(Math.abs(a.y - b.y), Math.abs(a.z - b.z))).toBeGreaterThanOrEqual(NOTE_SIZE);
      }
  });

  it("shortens long ideas at a word", () => {
    expect(noteText("short")).toBe("short");
    const long = noteText("word ".repeat(60), 40);
    expect([...long].length).toBeLessThanOrEqual(40);
    expect(long.endsWith("…")).toBe(true);
  });
});

describe("the big screen's result rows", () => {
  it("keeps rows inside the results area with large letters for few options", () => {
    for (const count of [2, 3, 5, 12]) {
      const rows = resultRows(count);
      expect(rows).toHaveLength(count);
      for (const row of rows) {
        expect(row.y + row.height / 2).toBeLessThanOrEqual(RESULTS_AREA.top + 1e-9);
        expect(row.y - row.height / 2).toBeGreaterThanOrEqual(RESULTS_AREA.bottom - 1e-9);
      }
    }
    expect(resultRows(3)[0]?.fontSize).toBeGreaterThanOrEqual(0.4);
  });
});

describe("ballot choices, the same on the poll card and the headset's poll page", () => {
  const poll = {
    id: "p1",
    question: "Which?",
    kind: "multiple",
    options: ["A", "B", "C"],
    maxChoices: 2,
    scaleMax: 5,
    anonymous: true,
    reveal: "live",
    status: "open",
    ballots: 0,
    counts: [],
  };

  it("ticks up to k answers and unticks any", () => {
    expect(toggleChoice([], 2, 2)).toEqual([2]);
    expect(toggleChoice([2], 0, 2)).toEqual([2, 0]);
    expect(toggleChoice([2, 0], 1, 2), "a third tick is ignored").toEqual([2, 0]);
    expect(toggleChoice([2, 0], 2, 2)).toEqual([0]);
  });

  it("offers the options by index, or the values of a scale", () => {
    expect(ballotChoices(poll)).toEqual([
      { label: "A", value: 0 },
      { label: "B", value: 1 },
      { label: "C", value: 2 },
    ]);
    expect(ballotChoices({ ...poll, kind: "scale", options: [], scaleMax: 5 }).map((c) => c.value)).toEqual([
      1, 2, 3, 4, 5,
    ]);
  });

  it("tells the voter what to do for each kind", () => {
    expect(ballotHint(poll)).toEqual({ key: "poll.chooseUpTo", params: { max: 2 } });
    expect(ballotHint({ ...poll, kind: "single" }).key).toBe("poll.chooseOne");
    expect(ballotHint({ ...poll, kind: "scale" })).toEqual({ key: "poll.scaleHint", params: { max: 5 } });
    expect(ballotHint({ ...poll, kind: "ranking" }).key).toBe("poll.rankHint");
    expect(pollSpecOf(poll)).toMatchObject({ kind: "multiple", maxChoices: 2, reveal: "live" });
  });

  it("makes the ballot a press on an answer of the big screen sends", () => {
    const single = { ...poll, kind: "single" };
    expect(pointedBallot(single, undefined, 1)).toEqual([1]);
    expect(pointedBallot(single, [1], 2), "pointing again replaces the answer").toEqual([2]);
    expect(pointedBallot(single, undefined, 3), "no such row").toBeUndefined();
    expect(pointedBallot({ ...poll, kind: "scale", options: [], scaleMax: 5 }, undefined, 0)).toEqual([1]);
    // Multiple choice: one's acknowledged ballot with the answer ticked or unticked.
    expect(pointedBallot(poll, undefined, 2)).toEqual([2]);
    expect(pointedBallot(poll, [2], 0)).toEqual([2, 0]);
    expect(pointedBallot(poll, [2, 0], 2)).toEqual([0]);
    expect(pointedBallot(poll, [2, 0], 1), "already two answers").toBeUndefined();
    expect(pointedBallot(poll, [2], 2), "never an empty ballot").toBeUndefined();
    expect(pointedBallot({ ...poll, kind: "ranking" }, undefined, 0), "ranked on the menu").toBeUndefined();
  });
});

describe("pointing at the answers on the big screen", () => {
  it("finds the row under a point on the screen, from the labels to past the bars", () => {
    for (const count of [2, 3, 5, 10]) {
      for (let index = 0; index < count; index++) {
        const centre = screenRowCentre(count, index);
        if (!centre) throw new Error(`no row ${index} of ${count}`);
        expect(centre.z).toBeCloseTo(SCREEN.z + 0.03);
        expect(screenRowAt(count, centre.x, centre.y)).toBe(index);
        expect(screenRowAt(count, ROW_LEFT + 0.01, centre.y)).toBe(index);
        expect(screenRowAt(count, ROW_RIGHT - 0.01, centre.y)).toBe(index);
      }
    }
    // Rows touch, so the whole results area votes for something; left of the labels or above it, nothing.
    const [first, second] = resultRows(2);
    if (!first || !second) throw new Error("two rows");
    const between = SCREEN.centerY + (first.y + second.y) / 2;
    expect([0, 1]).toContain(screenRowAt(2, 0, between));
    expect(screenRowAt(2, ROW_LEFT - 0.05, SCREEN.centerY + first.y)).toBe(-1);
    expect(screenRowAt(2, 0, SCREEN.centerY + RESULTS_AREA.top + 0.2)).toBe(-1);
    expect(screenRowCentre(2, 2)).toBeNull();
    // The rows stay on the screen.
    expect(ROW_LEFT).toBeGreaterThan(-SCREEN.width / 2);
    expect(ROW_RIGHT).toBeLessThan(SCREEN.width / 2);
  });
});

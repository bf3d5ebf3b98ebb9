/** The pure rules of the consultation methods: agenda, polls, ideas wall, budget, tables, report. */
import { describe, expect, it } from "vitest";
import {
  EMPTY_AGENDA,
  editAgenda,
  finishAgenda,
  newAgendaItem,
  nextItem,
  previousItem,
} from "../../shared/consultation/agenda.ts";
import { countAuditActions } from "../../shared/consultation/audit.ts";
import {
  plenarySeatReturns,
  seatAtTable,
  splitIntoTables,
  tableOf,
} from "../../shared/consultation/discussion-tables.ts";
import {
  checkIdeaText,
  hideIdea,
  type Idea,
  mergeIdeas,
  newIdea,
  pinIdea,
  toggleUpvote,
} from "../../shared/consultation/ideas-wall.ts";
import { buildOutcomeReport, outcomeReportCsv } from "../../shared/consultation/outcome-report.ts";
import {
  type Budget,
  budgetTotals,
  checkAllocation,
  checkBudget,
} from "../../shared/consultation/participatory-budget.ts";
import {
  bordaScores,
  checkBallot,
  checkPollSpec,
  closePoll,
  isValidBallot,
  openPoll,
  type Poll,
  type PollSpec,
  resultsVisible,
  scaleMean,
  tallyBallots,
} from "../../shared/consultation/polls.ts";
import { slideTypeOf } from "../../shared/protocol/consultation-messages.ts";

const spec = (over: Partial<PollSpec>): PollSpec => ({
  question: "Q",
  kind: "single",
  options: ["a", "b", "c"],
  maxChoices: 1,
  scaleMax: 5,
  anonymous: true,
  reveal: "live",
  ...over,
});
const poll = (over: Partial<Poll> = {}): Poll => ({ ...spec({}), id: "p", status: "open", ...over });

describe("agenda", () => {
  const agenda = { ...EMPTY_AGENDA, items: [newAgendaItem("a", "A", 5), newAgendaItem("b", "B", 10, "p1")] };

  it("starts with the first item, moves on, and keeps actual times", () => {
    const first = nextItem(agenda, 1_000);
    expect(first.ok && first.agenda.current).toBe(0);
    if (!first.ok) return;
    expect(first.agenda.items[0]?.startedAt).toBe(1_000);
    const second = nextItem(first.agenda, 61_000);
    if (!second.ok) throw new Error("refused");
    expect(second.agenda.current).toBe(1);
    expect(second.agenda.currentSince).toBe(61_000);
    expect(second.agenda.items[0]).toMatchObject({ endedAt: 61_000, spentMs: 60_000 });
    expect(nextItem(second.agenda, 70_000)).toEqual({ ok: false, code: "agenda_end" });
    const back = previousItem(second.agenda, 91_000);
    if (!back.ok) throw new Error("refused");
    expect(back.agenda.items[1]?.spentMs).toBe(30_000);
    expect(back.agenda.items[0]?.startedAt).toBe(1_000);
    const again = nextItem(back.agenda, 101_000);
    if (!again.ok) throw new Error("refused");
    expect(again.agenda.items[0]?.spentMs).toBe(70_000);
    const done = finishAgenda(again.agenda, 111_000);
    expect(done.items[1]?.spentMs).toBe(40_000);
    expect(done.currentSince).toBe(0);
  });

  it("refuses going back before the first item", () => {
    expect(previousItem(agenda, 0)).toEqual({ ok: false, code: "agenda_start" });
    const first = nextItem(agenda, 0);
    if (!first.ok) throw new Error("refused");
    expect(previousItem(first.agenda, 1)).toEqual({ ok: false, code: "agenda_start" });
    expect(nextItem(EMPTY_AGENDA, 0)).toEqual({ ok: false, code: "agenda_end" });
  });

  it("edits live, keeping times by id and refusing to drop the running item", () => {
    const first = nextItem(agenda, 5);
    if (!first.ok) throw new Error("refused");
    const edited = editAgenda(first.agenda, [
      { id: "new", title: "New", plannedMinutes: 3, pollId: undefined },
      { id: "a", title: "A renamed", plannedMinutes: 7, pollId: undefined },
    ]);
    if (!edited.ok) throw new Error("refused");
    expect(edited.agenda.current).toBe(1);
    expect(edited.agenda.items[1]).toMatchObject({ title: "A renamed", startedAt: 5 });
    expect(editAgenda(first.agenda, [{ id: "b", title: "B", plannedMinutes: 1, pollId: undefined }])).toEqual(
      {
        ok: false,
        code: "agenda_in_progress",
      },
    );
  });
});

describe("polls", () => {
  it("check definitions per kind", () => {
    expect(checkPollSpec(spec({})).ok).toBe(true);
    expect(checkPollSpec(spec({ options: ["only"] })).ok).toBe(false);
    expect(checkPollSpec(spec({ options: ["a", "a"] })).ok).toBe(false);
    expect(checkPollSpec(spec({ kind: "multiple", maxChoices: 4 })).ok).toBe(false);
    expect(checkPollSpec(spec({ kind: "multiple", maxChoices: 2 })).ok).toBe(true);
    expect(checkPollSpec(spec({ kind: "scale", options: [], scaleMax: 10 })).ok).toBe(true);
    expect(checkPollSpec(spec({ kind: "scale", options: [], scaleMax: 7 })).ok).toBe(false);
  });

  it("accept only ballots that fit the kind", () => {
    const single = spec({});
    expect(isValidBallot(single, [2])).toBe(true);
    expect(isValidBallot(single, [3])).toBe(false);
    expect(isValidBallot(single, [0, 1])).toBe(false);
    expect(isValidBallot(single, [])).toBe(false);
    expect(isValidBallot(single, [0.5])).toBe(false);
    const multiple = spec({ kind: "multiple", maxChoices: 2 });
    expect(isValidBallot(multiple, [0, 2])).toBe(true);
    expect(isValidBallot(multiple, [0, 1, 2])).toBe(false);
    expect(isValidBallot(multiple, [1, 1])).toBe(false);
    const scale = spec({ kind: "scale", options: [], scaleMax: 5 });
    expect(isValidBallot(scale, [1])).toBe(true);
    expect(isValidBallot(scale, [5])).toBe(true);
    expect(isValidBallot(scale, [0])).toBe(false);
    expect(isValidBallot(scale, [6])).toBe(false);
    const ranking = spec({ kind: "ranking" });
    expect(isValidBallot(ranking, [2, 0, 1])).toBe(true);
    expect(isValidBallot(ranking, [2, 0])).toBe(false);
    expect(isValidBallot(ranking, [2, 0, 0])).toBe(false);
  });

  it("take ballots only while open, and move draft -> open -> closed", () => {
    expect(checkBallot(poll({ status: "draft" }), [0])).toEqual({ ok: false, code: "poll_not_open" });
    expect(checkBallot(poll({ status: "closed" }), [0])).toEqual({ ok: false, code: "poll_not_open" });
    expect(checkBallot(poll(), [9])).toEqual({ ok: false, code: "invalid_ballot" });
    expect(checkBallot(poll(), [1])).toEqual({ ok: true });
    expect(openPoll(poll({ status: "draft" }))).toMatchObject({ ok: true, poll: { status: "open" } });
    expect(openPoll(poll())).toEqual({ ok: false, code: "poll_already_open" });
    expect(openPoll(poll({ status: "closed" }))).toEqual({ ok: false, code: "poll_closed" });
    expect(closePoll(poll())).toMatchObject({ ok: true, poll: { status: "closed" } });
    expect(closePoll(poll({ status: "draft" }))).toEqual({ ok: false, code: "poll_not_open" });
  });

  it("count only, per kind", () => {
    expect(tallyBallots(spec({}), [[0], [2], [0]])).toEqual({ ballots: 3, counts: [2, 0, 1] });
    expect(tallyBallots(spec({ kind: "multiple", maxChoices: 2 }), [[0, 1], [1]]).counts).toEqual([1, 2, 0]);
    const scale = spec({ kind: "scale", options: [], scaleMax: 5 });
    const scaleTally = tallyBallots(scale, [[4], [5], [4]]);
    expect(scaleTally.counts).toEqual([0, 0, 0, 2, 1]);
    expect(scaleMean(scaleTally)).toBeCloseTo(13 / 3);
    const ranking = spec({ kind: "ranking" });
    const rankingTally = tallyBallots(ranking, [
      [0, 1, 2],
      [1, 0, 2],
    ]);
    expect(rankingTally.counts).toEqual([1, 1, 0, 1, 1, 0, 0, 0, 2]);
    expect(bordaScores(ranking, rankingTally)).toEqual([3, 3, 0]);
    expect(tallyBallots(spec({}), [[7]]).ballots).toBe(0);
  });

  it("show results live or only at close", () => {
    expect(resultsVisible(poll({ reveal: "live" }))).toBe(true);
    expect(resultsVisible(poll({ reveal: "at_close" }))).toBe(false);
    expect(resultsVisible(poll({ reveal: "at_close", status: "closed" }))).toBe(true);
    expect(resultsVisible(poll({ status: "draft" }))).toBe(false);
  });
});

describe("ideas wall", () => {
  const idea = (id: string): Idea => newIdea(id, `Idea ${id}`, "author", 1);

  it("take short texts without invisible characters", () => {
    expect(checkIdeaText("  More   trees ")).toEqual({ ok: true, text: "More trees" });
    expect(checkIdeaText("x".repeat(280)).ok).toBe(true);
    expect(checkIdeaText("x".repeat(281)).ok).toBe(false);
    expect(checkIdeaText("   ").ok).toBe(false);
    expect(checkIdeaText("a\u200bb").ok).toBe(false);
    expect(checkIdeaText("a\u202eb").ok).toBe(false);
    expect(checkIdeaText("a\u0007b").ok).toBe(false);
  });

  it("give one upvote per participant, as a toggle", () => {
    const up = toggleUpvote(idea("1"), "v");
    if (!up.ok) throw new Error("refused");
    expect(up.upvoted).toBe(true);
    expect(up.idea.voterIds.size).toBe(1);
    const down = toggleUpvote(up.idea, "v");
    if (!down.ok) throw new Error("refused");
    expect(down.upvoted).toBe(false);
    expect(down.idea.voterIds.size).toBe(0);
    expect(toggleUpvote(undefined, "v")).toEqual({ ok: false, code: "unknown_idea" });
  });

  it("pin, hide and merge; hidden ideas take no more actions", () => {
    expect(pinIdea(idea("1"), true)).toMatchObject({ ok: true, idea: { pinned: true } });
    const hidden = hideIdea(idea("1"), "spam");
    if (!hidden.ok) throw new Error("refused");
    expect(hidden.idea).toMatchObject({ hidden: true, hiddenReason: "spam" });
    expect(toggleUpvote(hidden.idea, "v")).toEqual({ ok: false, code: "idea_hidden" });
    expect(pinIdea(hidden.idea, true)).toEqual({ ok: false, code: "idea_hidden" });
    const wall = new Map([
      ["1", idea("1")],
      ["2", idea("2")],
      ["3", hidden.idea],
    ]);
    const merged = mergeIdeas(wall, ["1", "2", "1"], "c1", " Greenery ");
    if (!merged.ok) throw new Error("refused");
    expect(merged.label).toBe("Greenery");
    expect(merged.ideas.map((i) => [i.id, i.clusterId])).toEqual([
      ["1", "c1"],
      ["2", "c1"],
    ]);
    expect(mergeIdeas(wall, ["1", "3"], "c1", "x")).toEqual({ ok: false, code: "idea_hidden" });
    expect(mergeIdeas(wall, ["1", "9"], "c1", "x")).toEqual({ ok: false, code: "unknown_idea" });
    expect(mergeIdeas(wall, ["1", "2"], "c1", "")).toEqual({ ok: false, code: "invalid_label" });
  });
});

describe("participatory budget", () => {
  const budget: Budget = {
    total: 100,
    status: "open",
    proposals: [
      { id: "a", title: "A", cost: 60 },
      { id: "b", title: "B", cost: 50 },
    ],
  };

  it("checks the budget itself", () => {
    expect(checkBudget(100, [{ title: "A", cost: 10 }]).ok).toBe(true);
    expect(checkBudget(0, [{ title: "A", cost: 10 }]).ok).toBe(false);
    expect(checkBudget(100, []).ok).toBe(false);
    expect(checkBudget(100, [{ title: "", cost: 10 }]).ok).toBe(false);
    expect(checkBudget(100, [{ title: "A", cost: 0 }]).ok).toBe(false);
  });

  it("refuses overspending, unknown proposals and amounts above a cost", () => {
    expect(checkAllocation(budget, { a: 60, b: 40 })).toEqual({ ok: true, allocation: { a: 60, b: 40 } });
    expect(checkAllocation(budget, { a: 60, b: 41 })).toEqual({ ok: false, code: "over_budget" });
    expect(checkAllocation(budget, { a: 61 })).toEqual({ ok: false, code: "invalid_allocation" });
    expect(checkAllocation(budget, { c: 1 })).toEqual({ ok: false, code: "invalid_allocation" });
    expect(checkAllocation(budget, { a: -1 })).toEqual({ ok: false, code: "invalid_allocation" });
    expect(checkAllocation(budget, { a: 1.5 })).toEqual({ ok: false, code: "invalid_allocation" });
    expect(checkAllocation(budget, { a: 0, b: 5 })).toEqual({ ok: true, allocation: { b: 5 } });
    expect(checkAllocation({ ...budget, status: "closed" }, { a: 1 })).toEqual({
      ok: false,
      code: "budget_not_open",
    });
    expect(checkAllocation(undefined, { a: 1 })).toEqual({ ok: false, code: "budget_not_open" });
  });

  it("totals per proposal", () => {
    expect(budgetTotals(budget, [{ a: 60, b: 40 }, { b: 50 }])).toEqual([60, 90]);
  });
});

describe("discussion tables", () => {
  it("deal people round-robin, or let them choose", () => {
    const dealt = splitIntoTables(["p1", "p2", "p3", "p4", "p5"], 2, "assign", 0, 10);
    if (!dealt.ok) throw new Error("refused");
    expect(["p1", "p2", "p3", "p4", "p5"].map((p) => tableOf(dealt.round, p))).toEqual([0, 1, 0, 1, 0]);
    expect(dealt.round.endsAt).toBe(600_000);
    expect(tableOf(dealt.round, "late")).toBe(-1);
    expect(seatAtTable(dealt.round, "p1", 1, false)).toEqual({ ok: false, code: "tables_assigned" });
    const moved = seatAtTable(dealt.round, "p1", 1, true);
    expect(moved.ok && tableOf(moved.round, "p1")).toBe(1);
    const open = splitIntoTables(["p1"], 3, "choose", 0);
    if (!open.ok) throw new Error("refused");
    expect(tableOf(open.round, "p1")).toBe(-1);
    expect(open.round.endsAt).toBe(0);
    const chosen = seatAtTable(open.round, "p1", 2, false);
    expect(chosen.ok && tableOf(chosen.round, "p1")).toBe(2);
    expect(seatAtTable(open.round, "p1", 3, false)).toEqual({ ok: false, code: "unknown_table" });
    expect(seatAtTable(undefined, "p1", 0, true)).toEqual({ ok: false, code: "no_table_round" });
    expect(splitIntoTables([], 1, "assign", 0)).toEqual({ ok: false, code: "invalid_tables" });
    expect(splitIntoTables([], 21, "assign", 0)).toEqual({ ok: false, code: "invalid_tables" });
  });

  it("send people who left their seat back to it when the round ends, never onto a held seat", () => {
    const atStart = { stayed: 1, walked: 2, swapped: 3, blocked: 4, chained: 5 };
    const now = new Map([
      ["stayed", 1],
      ["walked", -1],
      // Took the seat "walked" left; goes back to their own.
      ["swapped", 2],
      // A newcomer sits on "blocked"'s seat, so "blocked" stays on "chained"'s, and "chained" stays put.
      ["newcomer", 4],
      ["blocked", 5],
      ["chained", 9],
    ]);
    expect(plenarySeatReturns(atStart, now)).toEqual([
      { participantId: "walked", seat: 2 },
      { participantId: "swapped", seat: 3 },
    ]);
    expect(plenarySeatReturns({}, now)).toEqual([]);
  });
});

describe("outcome report", () => {
  it("has counts only and a CSV without formulas", () => {
    const report = buildOutcomeReport({
      consultation: { id: "c", title: "T", language: "en", createdAt: 0 },
      closedAt: 60_000,
      access: { mode: "open", invited: 0, entered: 0, voted: 0 },
      agenda: EMPTY_AGENDA,
      peakAttendance: 2,
      attendance: [
        { participantId: "x", device: "phone", role: "citizen" },
        { participantId: "y", device: "headset", role: "citizen" },
      ],
      polls: [],
      ideas: [
        { text: "=HYPERLINK(1)", votes: 1, pinned: false, hidden: false, clusterId: undefined, createdAt: 0 },
      ],
      clusters: [],
      budget: undefined,
      tableRounds: [],
      speaking: [{ participantId: "x", role: "citizen", ms: 2_400 }],
      interpretation: [
        { language: "fr", ms: 90_000 },
        { language: "nl", ms: 30_000 },
        { language: "fr", ms: 30_000 },
      ],
      moderation: countAuditActions([{ action: "mute" }]),
    });
    expect(report.attendance.byDevice).toEqual({ desktop: 0, phone: 1, headset: 1 });
    expect(report.speaking).toMatchObject({
      totalSeconds: 2,
      citizens: 2,
      citizensWhoSpoke: 1,
      citizenShare: 0.5,
    });
    expect(report.interpretation).toEqual({ minutesByLanguage: { en: 0, nl: 0.5, fr: 2 } });
    expect(report.moderation.mute).toBe(1);
    const csv = outcomeReportCsv(report);
    expect(csv).toContain("interpretation,fr,minutes,2\r\n");
    expect(csv).toContain("idea,'=HYPERLINK(1),votes,1");
    expect(csv).not.toContain(",x,");
  });
});

describe("slides", () => {
  it("are recognised by their first bytes", () => {
    expect(slideTypeOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      "image/png",
    );
    expect(slideTypeOf(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(slideTypeOf(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "))).toBe("image/webp");
    expect(slideTypeOf(new TextEncoder().encode("RIFF\0\0\0\0WAVEfmt "))).toBeUndefined();
    expect(slideTypeOf(new TextEncoder().encode("%PDF-1.7"))).toBeUndefined();
  });
});

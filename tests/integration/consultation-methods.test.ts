/**
 * A whole consultation, scripted with five real SDK clients (one facilitator, four citizens): agenda,
 * two polls, the ideas wall, a participatory budget, a table round and closing. The published report
 * must hold exactly the expected figures and nothing that names or identifies a person. The same
 * script runs against SQLite and, when PostgreSQL is installed, against a throwaway PostgreSQL cluster.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutcomeReport } from "../../shared/consultation/outcome-report.ts";
import type { MethodAnswer } from "../../shared/protocol/consultation-messages.ts";
import type { CreateConsultationResponse, JoinResponse } from "../../shared/protocol/http-api.ts";
import { enterHall, type HallRoom, waitFor } from "../support/room-clients.ts";
import { postgresAvailable, startPostgres, type TestPostgres } from "../support/test-postgres.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Bounded, with room for a loaded machine (PostgreSQL and other suites run alongside). */
const settle = (what: string, check: () => boolean) => waitFor(what, check, 10_000);

interface Person {
  readonly name: string;
  readonly join: JoinResponse;
  readonly room: HallRoom;
}

async function ask(person: Person, type: string, body: unknown = {}): Promise<MethodAnswer> {
  return (await person.room.request(type, body)) as MethodAnswer;
}

async function ok(person: Person, type: string, body: unknown = {}) {
  const answer = await ask(person, type, body);
  if (!answer.ok) throw new Error(`${person.name}'s ${type} was refused: ${JSON.stringify(answer.error)}`);
  return answer;
}

async function refusedWith(person: Person, type: string, body: unknown, code: string) {
  const answer = await ask(person, type, body);
  expect(answer.ok ? "ok" : answer.error.code, `${person.name}'s ${type}`).toBe(code);
}

const AGENDA = [
  { title: "Welcome", plannedMinutes: 5 },
  {
    title: "Park priorities",
    plannedMinutes: 20,
    poll: { question: "What first?", kind: "single", options: ["Playground", "Trees", "Benches"] },
  },
  { title: "Wrap-up", plannedMinutes: 10 },
];

const NAMES = ["Fatima", "Anouk", "Bram", "Chloé", "Dries"];

const BACKENDS: { name: string; available: () => boolean }[] = [
  { name: "SQLite", available: () => true },
  { name: "PostgreSQL", available: postgresAvailable },
];

describe.each(BACKENDS)("a consultation from start to report ($name)", ({ name, available }) => {
  let server: TestServer;
  let postgres: TestPostgres | undefined;

  beforeAll(async () => {
    if (!available()) throw new Error("PostgreSQL is not installed (.ci/run installs it)");
    postgres = name === "PostgreSQL" ? await startPostgres() : undefined;
    server = await startTestServer(postgres ? { DATABASE_URL: postgres.url } : {});
  });

  afterAll(async () => {
    await server?.stop();
    await postgres?.stop();
  });

  it("runs every method and publishes exactly the expected aggregates", async () => {
    const created = await server.post<CreateConsultationResponse>("/api/consultations", {
      title: "Riverside park",
      language: "en",
      agenda: AGENDA,
    });
    expect(created.status).toBe(201);
    const { id, joinCode, facilitatorKey } = created.body;
    const facilitatorJoin = await server.post<JoinResponse>("/api/join", {
      facilitatorKey,
      displayName: NAMES[0],
      color: "#aa8800",
      acceptCodeOfConduct: true,
    });
    const devices = ["desktop", "desktop", "phone", "headset", "desktop"];
    const people: Person[] = [];
    for (const [i, displayName] of NAMES.entries()) {
      const join = i === 0 ? facilitatorJoin.body : await server.join(joinCode, displayName);
      const room = await enterHall(server.url, join, { device: devices[i] });
      room.onMessage("error", () => undefined);
      room.onMessage("report_received", () => undefined);
      people.push({ name: displayName, join, room });
    }
    const [f, a, b, c, d] = people as [Person, Person, Person, Person, Person];
    const view = f.room;
    await settle("everyone in the hall", () => people.every((p) => p.room.state.participants?.size === 5));

    // Agenda: prepared at creation, moved by the facilitator only.
    expect(view.state.agenda.items.map((item) => item.title)).toEqual([
      "Welcome",
      "Park priorities",
      "Wrap-up",
    ]);
    await refusedWith(a, "agenda_next", {}, "not_allowed");
    await refusedWith(f, "agenda_previous", {}, "agenda_start");
    await ok(f, "agenda_next");
    await ok(f, "agenda_next");
    await settle("the second item with its poll open", () => view.state.activePollId !== "");
    expect(view.state.agenda.current).toBe(1);
    expect(view.state.agenda.startedAt).toBeGreaterThan(0);
    const firstPoll = view.state.activePollId;
    expect(view.state.polls.get(firstPoll)?.status).toBe("open");

    // An observer cannot vote; a citizen voting again replaces the ballot.
    f.room.send("set_role", { participantId: d.join.participantId, role: "observer" });
    await settle(
      "Dries an observer",
      () => view.state.participants.get(d.join.participantId)?.role === "observer",
    );
    await refusedWith(d, "cast_ballot", { pollId: firstPoll, choices: [2] }, "not_allowed");
    await refusedWith(d, "post_idea", { text: "Observers watch" }, "not_allowed");
    f.room.send("set_role", { participantId: d.join.participantId, role: "citizen" });
    await settle(
      "Dries a citizen",
      () => view.state.participants.get(d.join.participantId)?.role === "citizen",
    );
    await ok(a, "cast_ballot", { pollId: firstPoll, choices: [0] });
    await ok(b, "cast_ballot", { pollId: firstPoll, choices: [1] });
    await ok(c, "cast_ballot", { pollId: firstPoll, choices: [0] });
    await ok(d, "cast_ballot", { pollId: firstPoll, choices: [2] });
    await ok(d, "cast_ballot", { pollId: firstPoll, choices: [0] });
    await refusedWith(a, "cast_ballot", { pollId: firstPoll, choices: [0, 1] }, "invalid_ballot");
    await settle(
      "live results",
      () => [...(view.state.polls.get(firstPoll)?.counts ?? [])].join() === "3,1,0",
    );
    expect(view.state.polls.get(firstPoll)?.ballots).toBe(4);
    await refusedWith(a, "poll_close", { pollId: firstPoll }, "not_allowed");
    await ok(f, "poll_close", { pollId: firstPoll });
    await refusedWith(b, "cast_ballot", { pollId: firstPoll, choices: [1] }, "poll_not_open");

    // A scale poll whose results stay hidden until it closes.
    const scale = await ok(f, "poll_create", {
      question: "How safe does the park feel?",
      kind: "scale",
      scaleMax: 5,
      reveal: "at_close",
      open: true,
    });
    const scaleId = scale.pollId as string;
    await ok(a, "cast_ballot", { pollId: scaleId, choices: [4] });
    await ok(b, "cast_ballot", { pollId: scaleId, choices: [5] });
    await ok(c, "cast_ballot", { pollId: scaleId, choices: [4] });
    await refusedWith(d, "cast_ballot", { pollId: scaleId, choices: [6] }, "invalid_ballot");
    await settle("three ballots", () => view.state.polls.get(scaleId)?.ballots === 3);
    expect(view.state.polls.get(scaleId)?.counts.length).toBe(0);
    await ok(f, "poll_close", { pollId: scaleId });
    await settle("revealed", () => [...(view.state.polls.get(scaleId)?.counts ?? [])].join() === "0,0,0,2,1");

    // The floor: one citizen speaks for about a second.
    f.room.send("give_floor", { participantId: a.join.participantId });
    await settle("Anouk has the floor", () => view.state.floor.holderId === a.join.participantId);
    await sleep(1_100);
    f.room.send("take_floor", {});
    await settle("floor free", () => view.state.floor.holderId === "");

    // Ideas wall.
    const trees = (await ok(a, "post_idea", { text: "More trees along the river" })).ideaId as string;
    const shade = (await ok(b, "post_idea", { text: "Shade over the playground" })).ideaId as string;
    await ok(c, "post_idea", { text: "Benches near the pond" });
    const spam = (await ok(d, "post_idea", { text: "Buy cheap watches" })).ideaId as string;
    await refusedWith(a, "post_idea", { text: "x".repeat(281) }, "invalid_idea");
    await refusedWith(a, "post_idea", { text: "hidden\u200btext" }, "invalid_idea");
    expect((await ok(b, "upvote_idea", { ideaId: trees })).upvoted).toBe(true);
    await ok(c, "upvote_idea", { ideaId: trees });
    expect((await ok(d, "upvote_idea", { ideaId: trees })).upvoted).toBe(true);
    expect((await ok(d, "upvote_idea", { ideaId: trees })).upvoted).toBe(false);
    await ok(a, "upvote_idea", { ideaId: shade });
    await refusedWith(a, "hide_idea", { ideaId: spam, reason: "spam" }, "not_allowed");
    await ok(f, "hide_idea", { ideaId: spam, reason: "advertising" });
    await ok(f, "pin_idea", { ideaId: trees, pinned: true });
    await ok(f, "merge_ideas", { ideaIds: [trees, shade], label: "Greenery" });
    await settle(
      "the wall",
      () =>
        view.state.ideas.size === 3 &&
        view.state.ideas.get(trees)?.votes === 2 &&
        view.state.ideas.get(trees)?.pinned === true,
    );
    expect(view.state.ideas.get(trees)?.pinned).toBe(true);
    expect(view.state.ideas.get(trees)?.authorName).toBe("Anouk");
    expect(view.state.ideas.has(spam)).toBe(false);

    // Participatory budget.
    await refusedWith(a, "budget_open", { total: 100, proposals: [{ title: "X", cost: 1 }] }, "not_allowed");
    await ok(f, "budget_open", {
      total: 100,
      proposals: [
        { title: "Playground", cost: 60 },
        { title: "Trees", cost: 50 },
        { title: "Benches", cost: 20 },
      ],
    });
    await settle("proposals", () => view.state.budget.proposals.length === 3);
    const [playground, treesProposal, benches] = view.state.budget.proposals.map((p) => p.id);
    await ok(a, "allocate_budget", {
      allocation: { [playground as string]: 60, [treesProposal as string]: 40 },
    });
    await refusedWith(
      b,
      "allocate_budget",
      { allocation: { [playground as string]: 60, [treesProposal as string]: 50 } },
      "over_budget",
    );
    await refusedWith(
      b,
      "allocate_budget",
      { allocation: { [benches as string]: 21 } },
      "invalid_allocation",
    );
    await ok(b, "allocate_budget", {
      allocation: { [treesProposal as string]: 50, [benches as string]: 20 },
    });
    await ok(c, "allocate_budget", { allocation: { [benches as string]: 20, [playground as string]: 60 } });
    await settle("three allocations", () => view.state.budget.allocations === 3);
    expect(view.state.budget.proposals.map((p) => p.allocated)).toEqual([0, 0, 0]);
    await ok(f, "budget_close");
    await settle("totals", () => view.state.budget.proposals.map((p) => p.allocated).join() === "120,90,40");

    // A table round: dealt round-robin, then back to the plenary and to the seats people had.
    const seatOf = (p: Person) => view.state.participants.get(p.join.participantId)?.seat;
    a.room.send("sit", { seat: 3 });
    c.room.send("sit", { seat: 5 });
    await settle("Anouk and Chloé seated", () => seatOf(a) === 3 && seatOf(c) === 5);
    await refusedWith(a, "tables_split", { count: 2, mode: "assign" }, "not_allowed");
    await ok(f, "tables_split", { count: 2, mode: "assign", roundMinutes: 10 });
    // During the round Anouk walks off to another seat and Chloé takes Anouk's.
    a.room.send("sit", { seat: 40 });
    await settle("Anouk moved", () => seatOf(a) === 40);
    c.room.send("sit", { seat: 3 });
    await settle("Chloé moved", () => seatOf(c) === 3);
    const tableOf = (p: Person) => view.state.participants.get(p.join.participantId)?.table;
    await settle("seated", () => [a, b, c, d].every((p) => (tableOf(p) ?? -1) >= 0));
    expect([a, b, c, d].filter((p) => tableOf(p) === 0)).toHaveLength(2);
    expect(tableOf(f)).toBe(-1);
    expect(view.state.tables.endsAt).toBeGreaterThan(Date.now());
    await refusedWith(a, "choose_table", { table: 1 }, "tables_assigned");
    await ok(f, "choose_table", { table: 1, participantId: a.join.participantId });
    await settle("Anouk at table 1", () => tableOf(a) === 1);
    // A facilitator may join a table themselves; a citizen may not seat someone else.
    await ok(f, "choose_table", { table: 1, participantId: f.join.participantId });
    await settle("the facilitator at table 1", () => tableOf(f) === 1);
    await refusedWith(a, "choose_table", { table: 0, participantId: b.join.participantId }, "not_allowed");
    await ok(f, "tables_end");
    await settle("back to the plenary", () => people.every((p) => tableOf(p) === -1));
    await settle("everyone back in their seat", () => seatOf(a) === 3 && seatOf(c) === 5);
    expect(seatOf(b)).toBe(-1);

    // Last item, then closing (the lead facilitator only).
    await ok(f, "agenda_next");
    await refusedWith(f, "agenda_next", {}, "agenda_end");
    await refusedWith(a, "close_consultation", {}, "not_allowed");
    const notYet = await fetch(`${server.url}/c/${id}/report.json`);
    expect(notYet.status).toBe(404);
    expect(((await notYet.json()) as { error: { code: string } }).error.code).toBe("report_not_ready");
    await ok(f, "close_consultation");
    await settle("closed", () => view.state.consultation.phase === "closed");
    await refusedWith(a, "post_idea", { text: "Too late" }, "consultation_closed");

    const response = await fetch(`${server.url}/c/${id}/report.json`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as OutcomeReport;
    const { speaking, agenda, consultation, tables, ...figures } = report;
    expect(figures).toEqual({
      version: 1,
      // Open attendance: no invitations, and the four citizens who cast a ballot.
      access: { mode: "open", openAttendance: true, invited: 0, entered: 0, voted: 4 },
      attendance: {
        total: 5,
        peak: 5,
        byDevice: { desktop: 3, phone: 1, headset: 1 },
        byRole: { facilitator: 1, co_facilitator: 0, citizen: 4, observer: 0, interpreter: 0 },
      },
      polls: [
        {
          question: "What first?",
          kind: "single",
          options: ["Playground", "Trees", "Benches"],
          anonymous: true,
          ballots: 4,
          counts: [3, 1, 0],
        },
        {
          question: "How safe does the park feel?",
          kind: "scale",
          options: [],
          anonymous: true,
          ballots: 3,
          counts: [0, 0, 0, 2, 1],
          scaleMax: 5,
          mean: 4.33,
        },
      ],
      ideas: {
        items: [
          { text: "More trees along the river", votes: 2, pinned: true, cluster: "Greenery" },
          { text: "Shade over the playground", votes: 1, pinned: false, cluster: "Greenery" },
          { text: "Benches near the pond", votes: 0, pinned: false, cluster: null },
        ],
        clusters: [{ label: "Greenery", ideas: 2, votes: 3 }],
        hidden: 1,
      },
      budget: {
        total: 100,
        participants: 3,
        proposals: [
          { title: "Playground", cost: 60, allocated: 120 },
          { title: "Trees", cost: 50, allocated: 90 },
          { title: "Benches", cost: 20, allocated: 40 },
        ],
      },
      moderation: expect.objectContaining({
        give_floor: 1,
        take_floor: 1,
        set_role: 2,
        hide_idea: 1,
        mute: 0,
        remove: 0,
        ban: 0,
        report: 0,
      }),
      // Nobody interpreted: every language has its zero.
      interpretation: { minutesByLanguage: { en: 0, nl: 0, fr: 0 } },
      chat: { messages: 0, hidden: 0 },
    });
    expect(Object.values(report.moderation).reduce((sum, n) => sum + n, 0)).toBe(5);
    expect(consultation).toMatchObject({ id, title: "Riverside park", language: "en" });
    expect(agenda.map(({ title, plannedMinutes }) => ({ title, plannedMinutes }))).toEqual(
      AGENDA.map(({ title, plannedMinutes }) => ({ title, plannedMinutes })),
    );
    expect(agenda.every((item) => item.startedAt !== null && item.endedAt !== null)).toBe(true);
    expect(tables).toEqual([expect.objectContaining({ tables: 2, mode: "assign", seated: 5 })]);
    expect(speaking.citizens).toBe(4);
    expect(speaking.citizensWhoSpoke).toBe(1);
    expect(speaking.citizenShare).toBe(0.25);
    expect(speaking.secondsByRole.citizen).toBeGreaterThanOrEqual(1);
    expect(speaking.secondsByRole.citizen).toBeLessThanOrEqual(3);
    expect(speaking.totalSeconds).toBe(speaking.secondsByRole.citizen);

    // Open data: no pseudonym and no participant id anywhere, in the JSON or the CSV.
    const csvResponse = await fetch(`${server.url}/c/${id}/report.csv`);
    expect(csvResponse.headers.get("content-type")).toMatch(/^text\/csv/);
    const csv = await csvResponse.text();
    expect(csv).toContain("Playground,allocated,120");
    expect(csv).toContain("What first?,Playground,3");
    const json = JSON.stringify(report);
    for (const person of people) {
      for (const published of [csv, json]) {
        expect(published).not.toContain(person.name);
        expect(published).not.toContain(person.join.participantId);
      }
    }
    await Promise.all(people.map((p) => p.room.leave()));
  });
});

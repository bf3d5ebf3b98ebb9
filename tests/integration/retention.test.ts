/**
 * Retention as a data protection officer would check it, on SQLite and PostgreSQL. Two consultations
 * run through a real server with everything that stores something about a person: names, device keys,
 * seats, a table round, votes (anonymous and named), ideas (one hidden), upvotes, chat, floor time, a
 * budget, a report about someone, a ban and slides. One is closed by its facilitator, the other is left
 * open. The server then starts again 31 days later: retention runs at start-up. Planted canaries (a
 * pseudonym, a chat line, a device key, a moderation reason, a hidden idea) are then in no row, no
 * dead tuple, no raw page, not in the SQLite file or its log, not in `pg_dump`; no participant id is
 * left anywhere; the closed consultation's report is unchanged, and the open one has a report built
 * from what the store held. With DELETE_AFTER_DAYS, the consultations go whole, slides included, and
 * their reports are kept as files.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../server/config.ts";
import { BallotSeal } from "../../server/store/ballot-seal.ts";
import type { ConsultationStore } from "../../server/store/consultation-store.ts";
import { PostgresStore } from "../../server/store/postgres-store.ts";
import { purgeExpired } from "../../server/store/retention.ts";
import { SqliteStore } from "../../server/store/sqlite-store.ts";
import type { OutcomeReport } from "../../shared/consultation/outcome-report.ts";
import type { MethodAnswer } from "../../shared/protocol/consultation-messages.ts";
import type { CreateConsultationResponse, JoinResponse } from "../../shared/protocol/http-api.ts";
import {
  type DatabaseSnapshot,
  inspectPostgres,
  inspectSqlite,
  rawPostgresPages,
} from "../support/db-inspector.ts";
import { enterHall, type HallRoom, waitFor } from "../support/room-clients.ts";
import { pgDump, postgresAvailable, startPostgres, type TestPostgres } from "../support/test-postgres.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

const DAY = 24 * 60 * 60 * 1000;

const CANARY = {
  pseudonym: "Quillon Marrowby",
  otherPseudonym: "Ottoline Fairweather",
  chat: "canary chat line: the heron nests by the old lock",
  otherChat: "canary chat line: meet me at the blue gate",
  deviceKey: "canaryDeviceKeyQuillon0123456789",
  bannedDeviceKey: "canaryDeviceKeyCyrilBanned987654",
  reason: "canary reason: Quillon shouted at Bertha",
  hiddenIdea: "canary hidden idea: phone Quillon on 0612345678",
  hideReason: "canary hide reason: a phone number",
  invitationLabel: "canary invitation label: panel seat 7, Quillon's neighbour",
} as const;
/** A facilitator's material, kept until the consultation is deleted whole. */
const SLIDE_CANARY = "canary slide bytes: the minutes of the last meeting";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
/** Every byte string that must be gone. */
const FORBIDDEN = [...Object.values(CANARY), sha256(CANARY.deviceKey), sha256(CANARY.bannedDeviceKey)];

interface Person {
  readonly join: JoinResponse;
  readonly room: HallRoom;
}

async function ok(
  person: Person,
  type: string,
  body: unknown = {},
): Promise<Extract<MethodAnswer, { ok: true }>> {
  const answer = (await person.room.request(type, body)) as MethodAnswer;
  if (!answer.ok) throw new Error(`${type} was refused: ${JSON.stringify(answer.error)}`);
  return answer;
}

const settle = (what: string, check: () => boolean) => waitFor(what, check, 10_000);

function found(haystack: Buffer | string, needles: readonly string[]): string[] {
  const bytes = typeof haystack === "string" ? Buffer.from(haystack, "utf8") : haystack;
  return needles.filter((needle) => bytes.includes(Buffer.from(needle, "utf8")));
}

/**
 * Every table, and every kind of consultation document, that keys what it holds by a participant:
 * after the purge none of them may hold a purged participant's id (colours and entry times are
 * columns of `participants`).
 */
const PARTICIPANT_KEYED = [
  "participants",
  "poll_voters",
  "ballots",
  "idea_votes",
  "ideas",
  "attendance",
  "budget_allocations",
  "speaking_time",
  "chat_messages",
  "audit_log",
  "bans",
  "consultation_documents:tables",
  "consultation_documents:plenary_seats",
  "consultation_documents:hall_places",
];

/** The live tables (documents by kind) with a row that holds one of `ids`. */
function holders(seen: DatabaseSnapshot, ids: readonly string[]): string[] {
  const places = new Set<string>();
  for (const version of seen.versions) {
    if (!version.live || found(version.bytes, ids).length === 0) continue;
    const kind = version.table === "consultation_documents" ? `:${String(version.cells?.kind)}` : "";
    places.add(`${version.table}${kind}`);
  }
  return [...places].sort();
}

const BACKENDS: { name: string; available: () => boolean }[] = [
  { name: "SQLite", available: () => true },
  { name: "PostgreSQL", available: postgresAvailable },
];

describe.each(BACKENDS)("retention ($name)", ({ name, available }) => {
  let postgres: TestPostgres | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), "plenum-retention-"));
  const sqliteFile = path.join(dataDir, "plenum.sqlite");
  let env: Record<string, string>;
  let server: TestServer | undefined;
  const people: Person[] = [];
  const participantIds: string[] = [];
  let closedId = "";
  let openId = "";
  let reportBefore: OutcomeReport;

  const snapshot = (): Promise<DatabaseSnapshot> =>
    postgres ? inspectPostgres(postgres.url) : Promise.resolve(inspectSqlite(sqliteFile));
  /** Everything a copy of the database holds: raw files (SQLite) or pages and a dump (PostgreSQL). */
  async function everyByte(): Promise<Buffer> {
    if (postgres)
      return Buffer.concat([await rawPostgresPages(postgres.url), Buffer.from(pgDump(postgres.url))]);
    return Buffer.concat(
      readdirSync(dataDir)
        .filter((file) => file.startsWith("plenum.sqlite"))
        .map((file) => readFileSync(path.join(dataDir, file))),
    );
  }
  async function openStore(): Promise<ConsultationStore> {
    const seal = new BallotSeal(readFileSync(path.join(dataDir, "session-secret"), "utf8").trim());
    return postgres
      ? PostgresStore.connect(postgres.url, readConfig({}).databaseTimeouts, seal)
      : SqliteStore.open(sqliteFile, seal);
  }
  const report = async (id: string) => {
    const response = await fetch(`${server?.url}/c/${id}/report.json`);
    return { status: response.status, body: (await response.json()) as OutcomeReport };
  };

  async function enter(join: JoinResponse, options: Record<string, unknown> = {}): Promise<Person> {
    const room = await enterHall((server as TestServer).url, join, options);
    room.onMessage("error", () => undefined);
    room.onMessage("report_received", () => undefined);
    await settle("in the hall", () => room.state.participants?.has(join.participantId) === true);
    participantIds.push(join.participantId);
    const person = { join, room };
    people.push(person);
    return person;
  }

  beforeAll(async () => {
    if (!available()) throw new Error("PostgreSQL is not installed (.ci/run installs it)");
    postgres = name === "PostgreSQL" ? await startPostgres() : undefined;
    env = { DATA_DIR: dataDir, ...(postgres ? { DATABASE_URL: postgres.url } : {}) };
  }, 60_000);

  afterAll(async () => {
    await Promise.all(people.map((p) => p.room.leave().catch(() => undefined)));
    await server?.stop();
    await postgres?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("forgets everyone after RETENTION_DAYS and leaves no canary and no participant id anywhere", async () => {
    server = await startTestServer(env);
    const api = server;

    // The consultation its facilitator closes.
    const closed = (
      await api.post<CreateConsultationResponse>("/api/consultations", { title: "Old lock", language: "en" })
    ).body;
    closedId = closed.id;
    const lead = await enter(await api.joinAsFacilitator(closed.facilitatorKey, "Fatima"));
    const quillon = await enter(
      await api.join(closed.joinCode, CANARY.pseudonym, { deviceKey: CANARY.deviceKey }),
      {
        deviceKey: CANARY.deviceKey,
        device: "headset",
      },
    );
    const bertha = await enter(await api.join(closed.joinCode, "Bertha"), { device: "phone" });
    const cyril = await enter(
      await api.join(closed.joinCode, "Cyril", { deviceKey: CANARY.bannedDeviceKey }),
      {
        deviceKey: CANARY.bannedDeviceKey,
      },
    );
    const slide = await fetch(`${api.url}/api/slides`, {
      method: "POST",
      headers: {
        "content-type": "application/octet-stream",
        authorization: `Bearer ${lead.join.sessionToken}`,
      },
      body: Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.from(SLIDE_CANARY),
      ]),
    });
    expect(slide.status).toBe(201);
    const invitations = await fetch(`${api.url}/api/invitations`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${lead.join.sessionToken}` },
      body: JSON.stringify({ consultationId: closed.id, labels: [CANARY.invitationLabel] }),
    });
    expect(invitations.status).toBe(201);

    const secret = (await ok(lead, "poll_create", {
      question: "Which bridge?",
      kind: "single",
      options: ["North", "South"],
      open: true,
    })) as { pollId: string };
    await ok(quillon, "cast_ballot", { pollId: secret.pollId, choices: [1] });
    await ok(bertha, "cast_ballot", { pollId: secret.pollId, choices: [1] });
    const named = (await ok(lead, "poll_create", {
      question: "Who takes the minutes?",
      kind: "single",
      options: ["Me", "Someone else"],
      anonymous: false,
      open: true,
    })) as { pollId: string };
    await ok(quillon, "cast_ballot", { pollId: named.pollId, choices: [0] });
    await ok(lead, "poll_close", { pollId: named.pollId });

    const idea = (await ok(quillon, "post_idea", { text: "A bench by the old lock" })).ideaId as string;
    await ok(bertha, "upvote_idea", { ideaId: idea });
    const hidden = (await ok(bertha, "post_idea", { text: CANARY.hiddenIdea })).ideaId as string;
    await ok(lead, "hide_idea", { ideaId: hidden, reason: CANARY.hideReason });
    await ok(quillon, "chat_send", { text: CANARY.chat });
    bertha.room.send("report", { participantId: quillon.join.participantId, reason: CANARY.reason });
    lead.room.send("give_floor", { participantId: quillon.join.participantId });
    await settle(
      "Quillon has the floor",
      () => lead.room.state.floor.holderId === quillon.join.participantId,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    lead.room.send("take_floor", {});
    await settle("floor free", () => lead.room.state.floor.holderId === "");
    await ok(lead, "budget_open", {
      total: 100,
      proposals: [
        { title: "Bench", cost: 40 },
        { title: "Lamp", cost: 60 },
      ],
    });
    await settle("proposals", () => lead.room.state.budget.proposals.length === 2);
    const [bench] = lead.room.state.budget.proposals.map((p) => p.id);
    await ok(quillon, "allocate_budget", { allocation: { [bench as string]: 40 } });
    quillon.room.send("sit", { seat: 4 });
    await settle(
      "Quillon seated",
      () => lead.room.state.participants.get(quillon.join.participantId)?.seat === 4,
    );
    await ok(lead, "tables_split", { count: 2, mode: "assign" });
    lead.room.send("ban_participant", { participantId: cyril.join.participantId, reason: "spam" });
    await settle("Cyril banned", () => !lead.room.state.participants.has(cyril.join.participantId));
    await ok(lead, "close_consultation");
    reportBefore = (await report(closedId)).body;
    expect(reportBefore.polls[0]?.counts).toEqual([0, 2]);

    // The consultation nobody closes: an open poll, an open budget, a running table round.
    const open = (
      await api.post<CreateConsultationResponse>("/api/consultations", { title: "Blue gate", language: "en" })
    ).body;
    openId = open.id;
    const host = await enter(await api.joinAsFacilitator(open.facilitatorKey, "Hendrik"));
    const ottoline = await enter(await api.join(open.joinCode, CANARY.otherPseudonym), { device: "phone" });
    const running = (await ok(host, "poll_create", {
      question: "Paint the gate?",
      kind: "single",
      options: ["Blue", "Green", "Leave it"],
      open: true,
    })) as { pollId: string };
    await ok(ottoline, "cast_ballot", { pollId: running.pollId, choices: [2] });
    await ok(ottoline, "chat_send", { text: CANARY.otherChat });
    await ok(host, "budget_open", { total: 10, proposals: [{ title: "Paint", cost: 10 }] });
    await settle("proposal", () => host.room.state.budget.proposals.length === 1);
    await ok(ottoline, "allocate_budget", {
      allocation: { [host.room.state.budget.proposals[0]?.id as string]: 10 },
    });
    await ok(host, "tables_split", { count: 2, mode: "assign" });

    // The process stops with people in both halls (their seats and hands are stored as it stops).
    await server.stop();
    server = undefined;
    // Their connections went with the process (a client's leave would wait for an answer forever).
    people.length = 0;
    // Before the purge, every canary is stored, and so is a row keyed by a participant in every table
    // and document that keys rows by them: the purge has each of them to clear.
    // (The device keys themselves never are: only their hashes.)
    const stored = FORBIDDEN.filter((c) => c !== CANARY.deviceKey && c !== CANARY.bannedDeviceKey);
    expect(found(await everyByte(), FORBIDDEN).sort(), "canaries are stored before the purge").toEqual(
      stored.sort(),
    );
    expect(holders(await snapshot(), participantIds), "rows keyed by participants before the purge").toEqual(
      expect.arrayContaining(PARTICIPANT_KEYED),
    );

    // 31 days later: retention runs as the process starts.
    server = await startTestServer(env, { now: () => Date.now() + 31 * DAY });
    const after = await report(closedId);
    expect(after.status).toBe(200);
    expect(after.body).toEqual(reportBefore);
    const built = await report(openId);
    expect(built.status).toBe(200);
    expect(built.body.polls).toMatchObject([{ question: "Paint the gate?", ballots: 1, counts: [0, 0, 1] }]);
    expect(built.body.attendance).toMatchObject({ total: 2, byDevice: { phone: 1, desktop: 1 } });
    expect(built.body.chat).toEqual({ messages: 1, hidden: 0 });
    expect(built.body.budget?.proposals).toEqual([{ title: "Paint", cost: 10, allocated: 10 }]);
    expect(built.body.tables).toMatchObject([{ tables: 2, seated: 1 }]);

    // Nothing of anyone in any row, live or dead, nor in the bytes of the database, while the process
    // runs (SQLite's log is there) and after it stopped.
    const rows = await snapshot();
    expect(holders(rows, participantIds), "rows keyed by participants after the purge").toEqual([]);
    const left = rows.versions.filter((v) => found(v.bytes, [...FORBIDDEN, ...participantIds]).length > 0);
    expect(
      left.map(
        (v) => `${v.table}${v.live ? "" : " (dead)"}: ${found(v.bytes, [...FORBIDDEN, ...participantIds])}`,
      ),
    ).toEqual([]);
    expect(found(await everyByte(), [...FORBIDDEN, ...participantIds])).toEqual([]);
    await server.stop();
    server = undefined;
    expect(found(await everyByte(), [...FORBIDDEN, ...participantIds])).toEqual([]);
    // What stays: the consultations, their reports, tallies, visible ideas and the slide.
    const tables = new Set(rows.versions.filter((v) => v.live).map((v) => v.table));
    for (const kept of ["consultations", "reports", "poll_tallies", "ideas", "slides"])
      expect(tables).toContain(kept);
    for (const gone of [
      "participants",
      "poll_voters",
      "ballots",
      "idea_votes",
      "chat_messages",
      "attendance",
      "speaking_time",
      "budget_allocations",
      "audit_log",
      "bans",
    ])
      expect(tables).not.toContain(gone);

    const store = await openStore();
    try {
      expect(
        await purgeExpired(
          store,
          { retentionDays: 30, deleteAfterDays: undefined, reportDir: "" },
          Date.now() + 31 * DAY,
        ),
      ).toEqual({
        purged: 0,
        deleted: 0,
      });
      const [visible] = await store.listIdeas(closedId);
      expect(visible).toMatchObject({ text: "A bench by the old lock", authorId: undefined, voterIds: [] });
    } finally {
      await store.close();
    }
  }, 120_000);

  it("deletes whole consultations after DELETE_AFTER_DAYS, slides included, and keeps their reports as files", async () => {
    server = await startTestServer({ ...env, DELETE_AFTER_DAYS: "60" }, { now: () => Date.now() + 61 * DAY });
    expect((await report(closedId)).status).toBe(404);
    const kept = JSON.parse(readFileSync(path.join(dataDir, "reports", `${closedId}.json`), "utf8"));
    expect(kept).toEqual(reportBefore);
    expect(readFileSync(path.join(dataDir, "reports", `${closedId}.csv`), "utf8")).toContain(
      "section,item,measure,value",
    );
    expect(existsSync(path.join(dataDir, "reports", `${openId}.json`))).toBe(true);
    await server.stop();
    server = undefined;
    const rows = await snapshot();
    expect(
      rows.versions.filter((v) => found(v.bytes, [closedId, openId]).length > 0).map((v) => v.table),
    ).toEqual([]);
    expect(found(await everyByte(), [SLIDE_CANARY, closedId, openId, "Old lock", "Blue gate"])).toEqual([]);
  }, 60_000);
});

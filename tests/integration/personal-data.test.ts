/**
 * "Download my data" and "Erase me" with real SDK clients, on SQLite and on PostgreSQL, attacked as a
 * data protection officer would: the file holds the person's own data and nobody else's; nobody can
 * download or erase someone else; after "Erase me" the facilitator's views (room state, reports, audit
 * log), the published report and every row of every table hold no trace of the pseudonym, while the
 * erased person's anonymous ballot, idea and chat line still count. Both are in the audit counts.
 */
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REDACTED } from "../../shared/consultation/erasure.ts";
import type { MethodAnswer } from "../../shared/protocol/consultation-messages.ts";
import type { JoinResponse } from "../../shared/protocol/http-api.ts";
import type { PersonalDataExport } from "../../shared/protocol/personal-data.ts";
import {
  type AuditLogResponse,
  CLOSE_CODES,
  type EraseMeResponse,
  type MyDataResponse,
  PARTICIPANT_ERASED_MESSAGE,
  REPORT_RECEIVED_MESSAGE,
  type ReportReceived,
} from "../../shared/protocol/room-messages.ts";
import { collectErrors, enterHall, type HallRoom, waitFor } from "../support/room-clients.ts";
import { postgresAvailable, startPostgres, type TestPostgres } from "../support/test-postgres.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

/** Distinctive, so that any copy of it anywhere is found. */
const PSEUDONYM = "Zephyrine Quark";
/** Any part of it: whole in others' words, in part in her own (shared/consultation/erasure.ts). */
const TRACE = /zephyrine|quark/i;

const BACKENDS = [
  { name: "SQLite", available: () => true },
  { name: "PostgreSQL", available: postgresAvailable },
] as const;

async function ok<T extends { ok: boolean } = Extract<MethodAnswer, { ok: true }>>(
  room: HallRoom,
  type: string,
  body: unknown = {},
): Promise<T> {
  const answer = (await room.request(type, body)) as T & { error?: unknown };
  if (!answer.ok) throw new Error(`${type} was refused: ${JSON.stringify(answer.error)}`);
  return answer;
}

describe.each(BACKENDS)("a person's own data ($name)", ({ name, available }) => {
  let postgres: TestPostgres | undefined;
  let server: TestServer;
  let consultationId = "";
  let lead: JoinResponse;
  let facilitator: HallRoom;
  let zeph: { join: JoinResponse; room: HallRoom };
  let bram: { join: JoinResponse; room: HallRoom };
  let anonymousPoll = "";
  let namedPoll = "";
  const reports: ReportReceived[] = [];
  const erasedMessages: string[] = [];
  let closed: { code: number } | undefined;

  /** Every row of every table, as text: what someone holding the database reads. */
  async function dumpDatabase(): Promise<string[]> {
    if (postgres) {
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      try {
        const tables = await client.query(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
        );
        const rows: string[] = [];
        for (const { table_name } of tables.rows as { table_name: string }[]) {
          const result = await client.query(`SELECT row_to_json(t)::text AS row FROM "${table_name}" t`);
          for (const row of result.rows as { row: string }[]) rows.push(`${table_name}: ${row.row}`);
        }
        return rows;
      } finally {
        await client.end();
      }
    }
    const db = new DatabaseSync(path.join(server.dataDir, "plenum.sqlite"), { readOnly: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
        name: string;
      }[];
      return tables.flatMap(({ name: table }) =>
        (db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]).map(
          (row) =>
            `${table}: ${JSON.stringify(row, (_key, value) =>
              value instanceof Uint8Array ? Buffer.from(value).toString("latin1") : value,
            )}`,
        ),
      );
    } finally {
      db.close();
    }
  }

  beforeAll(async () => {
    if (!available()) throw new Error("PostgreSQL is not installed (.ci/run installs it)");
    postgres = name === "PostgreSQL" ? await startPostgres() : undefined;
    server = await startTestServer(postgres ? { DATABASE_URL: postgres.url } : {});
    const created = await server.createConsultation("Riverside park");
    consultationId = created.id;
    lead = await server.joinAsFacilitator(created.facilitatorKey, "Fatima");
    facilitator = await enterHall(server.url, lead);
    facilitator.onMessage(REPORT_RECEIVED_MESSAGE, (report: ReportReceived) => reports.push(report));
    facilitator.onMessage(PARTICIPANT_ERASED_MESSAGE, ({ participantId }: { participantId: string }) =>
      erasedMessages.push(participantId),
    );
    collectErrors(facilitator);
    const zephJoin = await server.join(created.joinCode, PSEUDONYM, {
      deviceKey: "zephyrines-own-device-key",
    });
    zeph = { join: zephJoin, room: await enterHall(server.url, zephJoin) };
    zeph.room.onLeave((code) => {
      closed = { code };
    });
    collectErrors(zeph.room);
    const bramJoin = await server.join(created.joinCode, "Bram");
    bram = { join: bramJoin, room: await enterHall(server.url, bramJoin) };
    collectErrors(bram.room);
    await waitFor("everyone in the hall", () => facilitator.state.participants.size === 3);

    // Zephyrine takes part in every way that leaves something behind, and others speak of her.
    const bramsIdea = (await ok(bram.room, "post_idea", { text: "Plant more trees" })).ideaId as string;
    await ok(zeph.room, "post_idea", { text: "A bench by the river, says Zephyrine Quark" });
    await ok(zeph.room, "upvote_idea", { ideaId: bramsIdea });
    await ok(zeph.room, "chat_send", { text: "Hello, I am Zephyrine" });
    await ok(bram.room, "chat_send", { text: "I agree with zephyrine quark!" });
    anonymousPoll = (
      await ok(facilitator, "poll_create", {
        question: "Which day for the market?",
        kind: "single",
        options: ["Saturday", "Sunday"],
        open: true,
      })
    ).pollId as string;
    await ok(zeph.room, "cast_ballot", { pollId: anonymousPoll, choices: [0] });
    await ok(bram.room, "cast_ballot", { pollId: anonymousPoll, choices: [1] });
    namedPoll = (
      await ok(facilitator, "poll_create", {
        question: "Who volunteers to water the trees?",
        kind: "single",
        options: ["I do", "Not me"],
        anonymous: false,
        open: true,
      })
    ).pollId as string;
    await ok(zeph.room, "cast_ballot", { pollId: namedPoll, choices: [0] });
    await ok(facilitator, "budget_open", { total: 100, proposals: [{ title: "Benches", cost: 40 }] });
    await waitFor("the budget", () => zeph.room.state.budget.proposals.length === 1);
    const benches = zeph.room.state.budget.proposals[0]?.id as string;
    await ok(zeph.room, "allocate_budget", { allocation: { [benches]: 40 } });
    bram.room.send("report", { participantId: zeph.join.participantId, reason: "Zephyrine Quark shouted" });
    zeph.room.send("report", { participantId: bram.join.participantId, reason: "He was rude to me" });
    facilitator.send("mute_participant", {
      participantId: zeph.join.participantId,
      reason: "Please calm down, Zephyrine Quark",
    });
    await waitFor("both reports", () => reports.length === 2, 5000);
    await waitFor(
      "the mute",
      () => facilitator.state.participants.get(zeph.join.participantId)?.mutedByFacilitator === true,
      5000,
    );
    // Then she interprets between French and English: the pair is stored with her role.
    facilitator.send("assign_interpreter", {
      participantId: zeph.join.participantId,
      languages: ["fr", "en"],
    });
    await waitFor(
      "her pair",
      () => facilitator.state.participants.get(zeph.join.participantId)?.interpreterLanguages.length === 2,
    );
  });

  afterAll(async () => {
    await Promise.all([facilitator, bram?.room].map((room) => room?.leave().catch(() => undefined)));
    await server?.stop();
    await postgres?.stop();
  });

  let download: PersonalDataExport;

  it("gives the person what the consultation holds about them, and nothing about anyone else", async () => {
    const answer = await ok<MyDataResponse>(zeph.room, "my_data");
    if (!answer.ok) throw new Error("unreachable");
    download = answer.data;
    expect(download.format).toBe("plenum-personal-data/1");
    expect(download.consultation).toMatchObject({ id: consultationId, title: "Riverside park" });
    expect(download.you).toMatchObject({
      participantId: zeph.join.participantId,
      displayName: PSEUDONYM,
      role: "interpreter",
      interpreterLanguages: ["fr", "en"],
      deviceKeyHashStored: true,
      door: "join_code",
      invitationLabel: null,
      verifiedIdentityStored: false,
      attendance: { device: "desktop", role: "citizen" },
    });
    expect(download.you.firstEnteredAt).not.toBeNull();
    expect(download.ideas.map((idea) => idea.text)).toEqual(["A bench by the river, says Zephyrine Quark"]);
    expect(download.upvotedIdeas.map((idea) => idea.text)).toEqual(["Plant more trees"]);
    expect(download.chatMessages.map((message) => message.text)).toEqual(["Hello, I am Zephyrine"]);
    // The named poll's ballot is hers; the anonymous one is linked to nobody, so it is not there.
    expect(download.namedBallots).toEqual([
      {
        pollId: namedPoll,
        question: "Who volunteers to water the trees?",
        options: ["I do", "Not me"],
        choices: [0],
      },
    ]);
    expect(JSON.stringify(download)).not.toContain(anonymousPoll);
    expect(Object.values(download.budgetAllocation ?? {})).toEqual([40]);
    const moderation = download.moderation.map(({ action, you, reason }) => ({ action, you, reason }));
    expect(moderation).toEqual([
      // What another reported about her is for the facilitators; her own report is hers.
      { action: "report", you: "target", reason: null },
      { action: "report", you: "acted", reason: "He was rude to me" },
      { action: "mute", you: "target", reason: "Please calm down, Zephyrine Quark" },
      { action: "set_role", you: "target", reason: null },
      // This very download, counted for the facilitators.
      { action: "download_data", you: "acted", reason: null },
    ]);
    const text = JSON.stringify(download);
    for (const other of [bram.join.participantId, lead.participantId, "Fatima", "Bram"])
      expect(text, other).not.toContain(other);
  });

  it("answers each person for themselves only: nobody names whom to download or erase", async () => {
    const before = (await ok<AuditLogResponse>(facilitator, "audit_log")) as Extract<
      AuditLogResponse,
      { ok: true }
    >;
    for (const type of ["my_data", "erase_me"]) {
      for (const body of [
        { participantId: zeph.join.participantId },
        { consultationId, participantId: zeph.join.participantId },
        { sessionToken: zeph.join.sessionToken },
      ]) {
        const answer = (await bram.room.request(type, body)) as MyDataResponse | EraseMeResponse;
        expect(answer.ok, `${type} ${JSON.stringify(body)}`).toBe(false);
        if (!answer.ok) expect(answer.error.code).toBe("invalid_message");
      }
    }
    // Bram's own download is his own (his report about her is in his words), and carries no id of hers.
    const own = await ok<MyDataResponse>(bram.room, "my_data");
    if (!own.ok) throw new Error("unreachable");
    expect(own.data.you.displayName).toBe("Bram");
    expect(JSON.stringify(own.data)).not.toContain(zeph.join.participantId);
    // Zephyrine is untouched, and a facilitator cannot erase her either.
    const refused = (await facilitator.request("erase_me", {
      participantId: zeph.join.participantId,
    })) as EraseMeResponse;
    expect(refused.ok).toBe(false);
    expect(facilitator.state.participants.get(zeph.join.participantId)?.name).toBe(PSEUDONYM);
    const after = (await ok<AuditLogResponse>(facilitator, "audit_log")) as Extract<
      AuditLogResponse,
      { ok: true }
    >;
    expect(after.counts.erase_self).toBe(0);
    expect(after.counts.download_data).toBe(before.counts.download_data + 1);
  });

  it("erases the person: the room lets them go and their session opens nothing any more", async () => {
    const answer = await ok<EraseMeResponse>(zeph.room, "erase_me");
    expect(answer).toEqual({ ok: true });
    await waitFor("the erased connection to close", () => closed !== undefined, 5000);
    expect(closed?.code).toBe(CLOSE_CODES.erasedOnRequest);
    await waitFor("the facilitators to be told", () => erasedMessages.length === 1, 5000);
    expect(erasedMessages).toEqual([zeph.join.participantId]);
    await expect(enterHall(server.url, zeph.join)).rejects.toThrow(/erased/);
    const voice = await fetch(`${server.url}/api/voice-token`, {
      method: "POST",
      headers: { authorization: `Bearer ${zeph.join.sessionToken}` },
    });
    expect(voice.status).toBe(403);
    expect(((await voice.json()) as { error: { code: string } }).error.code).toBe("erased");
  });

  it("leaves no trace of the pseudonym in the facilitator's views, and keeps the tallies", async () => {
    await waitFor(
      "her avatar to go",
      () => !facilitator.state.participants.has(zeph.join.participantId),
      5000,
    );
    await waitFor("the wall and chat to forget her", () =>
      [...facilitator.state.ideas.values()].every((idea) => !TRACE.test(idea.authorName)),
    );
    expect(JSON.stringify(facilitator.state.toJSON())).not.toMatch(TRACE);
    // Her idea and chat line stay, authorless; mentions of her, hers or others', are redacted.
    const ideas = [...facilitator.state.ideas.values()].map((idea) => [
      idea.text,
      idea.authorName,
      idea.votes,
    ]);
    expect(ideas).toEqual([
      ["Plant more trees", "Bram", 1],
      [`A bench by the river, says ${REDACTED}`, "", 0],
    ]);
    expect([...facilitator.state.chat].map((line) => [line.authorName, line.authorId, line.text])).toEqual([
      ["", "", `Hello, I am ${REDACTED}`],
      ["Bram", bram.join.participantId, `I agree with ${REDACTED}!`],
    ]);
    // Her anonymous ballot still counts; so does her named one, now nameless.
    expect([...(facilitator.state.polls.get(anonymousPoll)?.counts ?? [])]).toEqual([1, 1]);
    expect(facilitator.state.polls.get(namedPoll)?.ballots).toBe(1);
    const audit = (await ok<AuditLogResponse>(facilitator, "audit_log")) as Extract<
      AuditLogResponse,
      { ok: true }
    >;
    expect(JSON.stringify(audit)).not.toMatch(TRACE);
    expect(audit.counts.erase_self).toBe(1);
    expect(audit.counts.download_data).toBe(2);
    const mute = audit.entries.find((entry) => entry.action === "mute");
    expect(mute).toMatchObject({
      actorName: "Fatima",
      targetName: "",
      reason: `Please calm down, ${REDACTED}`,
    });
    // Reports already on the facilitator's screen are the console's to forget (on `participant_erased`).
    expect(reports.map((report) => report.aboutId)).toContain(zeph.join.participantId);
  });

  it("leaves no trace in the published report or in any row of the database", async () => {
    await ok(facilitator, "close_consultation");
    const report = await (await fetch(`${server.url}/c/${consultationId}/report.json`)).text();
    const csv = await (await fetch(`${server.url}/c/${consultationId}/report.csv`)).text();
    expect(report).toContain("Riverside park");
    expect(report).not.toMatch(TRACE);
    expect(csv).not.toMatch(TRACE);
    const rows = await dumpDatabase();
    expect(rows.filter((row) => TRACE.test(row))).toEqual([]);
    // Her row stays, nameless: the session is over and what counted her still counts.
    const own = rows.filter(
      (row) => row.startsWith("participants:") && row.includes(zeph.join.participantId),
    );
    expect(own).toHaveLength(1);
    expect(own[0]).toMatch(/"display_name":""/);
    expect(own[0]).toMatch(/"status":"erased"/);
    expect(own[0]).toMatch(/"device_key_hash":null/);
    expect(own[0]).toMatch(/"interpreter_languages":null/);
    // Erasing after the report was published forgets her there too (checked above), and a closed
    // consultation still lets people have their data.
    const late = await ok<MyDataResponse>(bram.room, "my_data");
    expect(late.ok).toBe(true);
  });
});

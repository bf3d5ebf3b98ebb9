/**
 * Ballot secrecy as a data protection officer would test it, with the database open in front of them
 * and nothing else (no session secret, no server memory). 128 real participants vote in an anonymous
 * poll through the room, half of them first for a decoy that they then replace. The inspector knows
 * the final choices of 32 of them (informants) and tries to pair the other 96 with their choices: from
 * transaction ids and dead tuples on PostgreSQL, from the write-ahead log's commits and changed bytes on
 * SQLite, from row order, times and look-alike stored bytes on both; once while the poll is open and
 * once after it closed. The 96 are split exactly in half between the two options, at random, so that
 * an inspector who learnt nothing is right about Binomial-like 48 ± 5 of them; any attack whose score
 * has a chance below one in a million fails the test. docs/privacy.md describes the design.
 */
import crypto, { randomInt } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MethodAnswer } from "../../shared/protocol/consultation-messages.ts";
import type { JoinResponse } from "../../shared/protocol/http-api.ts";
import { type DatabaseSnapshot, inspectPostgres, inspectSqlite } from "../support/db-inspector.ts";
import { ATTACKS, type PairingResult, type PollUnderTest, scorePairing } from "../support/pairing-attacks.ts";
import { enterHall, type HallRoom, waitFor } from "../support/room-clients.ts";
import { postgresAvailable, startPostgres, type TestPostgres } from "../support/test-postgres.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

const TARGETS = 96;
const INFORMANTS = 32;
const OPTIONS = ["Larch avenue", "Birch avenue"] as const;
/** Below this chance an attack's score counts as a pairing. 16 scores a run: about 1.6e-5 of false alarms. */
const ALPHA = 1e-6;

interface Voter {
  readonly join: JoinResponse;
  readonly room: HallRoom;
}

const BACKENDS: { name: string; available: () => boolean }[] = [
  { name: "SQLite", available: () => true },
  { name: "PostgreSQL", available: postgresAvailable },
];

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function ok(room: HallRoom, type: string, body: unknown): Promise<MethodAnswer> {
  const answer = (await room.request(type, body)) as MethodAnswer;
  if (!answer.ok) throw new Error(`${type} was refused: ${JSON.stringify(answer.error)}`);
  return answer;
}

/** Runs `work` over `items`, `width` at a time. */
async function inBatches<T, R>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width)
    out.push(...(await Promise.all(items.slice(i, i + width).map(work))));
  return out;
}

function describeResults(results: readonly (PairingResult & { phase: string })[]): string {
  return results
    .map(
      (r) =>
        `${r.phase.padEnd(6)} ${r.attack}: ${r.correct}/${r.of} right, chance ${r.pValue.toExponential(2)}`,
    )
    .join("\n");
}

describe.each(BACKENDS)(
  "an anonymous poll, as an inspector of the database sees it ($name)",
  ({ name, available }) => {
    let postgres: TestPostgres | undefined;
    let server: TestServer;
    let facilitator: HallRoom;
    let voters: Voter[] = [];

    const snapshot = (): Promise<DatabaseSnapshot> =>
      postgres
        ? inspectPostgres(postgres.url)
        : Promise.resolve(inspectSqlite(path.join(server.dataDir, "plenum.sqlite")));

    beforeAll(async () => {
      if (!available()) throw new Error("PostgreSQL is not installed (.ci/run installs it)");
      postgres = name === "PostgreSQL" ? await startPostgres() : undefined;
      server = await startTestServer(postgres ? { DATABASE_URL: postgres.url } : {});
      const { joinCode, facilitatorKey } = await server.createConsultation("Secret ballots");
      facilitator = await enterHall(server.url, await server.joinAsFacilitator(facilitatorKey, "Fatima"));
      facilitator.onMessage("error", () => undefined);
      const names = Array.from({ length: TARGETS + INFORMANTS }, (_, i) => `Voter ${i + 1}`);
      voters = await inBatches(names, 16, async (displayName) => {
        const join = await server.join(joinCode, displayName);
        const room = await enterHall(server.url, join);
        room.onMessage("error", () => undefined);
        return { join, room };
      });
    }, 120_000);

    afterAll(async () => {
      await Promise.all(
        [facilitator, ...voters.map((v) => v.room)].map((room) => room?.leave().catch(() => undefined)),
      );
      await server?.stop();
      await postgres?.stop();
    });

    it("pairs no voter with a choice better than chance, open or closed; one ballot each, a re-vote replaces", async () => {
      const { pollId } = (await ok(facilitator, "poll_create", {
        question: "Which avenue gets the new trees?",
        kind: "single",
        options: [...OPTIONS],
        anonymous: true,
        reveal: "live",
        open: true,
      })) as { pollId: string };

      // Who is who: informants tell the inspector their final choice; targets split exactly in half.
      const order = shuffled(voters);
      const targets = order.slice(0, TARGETS);
      const informants = order.slice(TARGETS);
      const final = new Map<string, number>();
      for (const [i, v] of shuffled(targets).entries())
        final.set(v.join.participantId, i < TARGETS / 2 ? 0 : 1);
      for (const v of informants) final.set(v.join.participantId, randomInt(2));
      // Half of everyone first votes for a random decoy, then, later, for their final choice.
      const revoting = new Set(shuffled(voters).slice(0, voters.length / 2));
      const choiceOf = (v: Voter) => final.get(v.join.participantId) as number;
      for (const v of shuffled(voters))
        await ok(v.room, "cast_ballot", { pollId, choices: [revoting.has(v) ? randomInt(2) : choiceOf(v)] });
      for (const v of shuffled([...revoting]))
        await ok(v.room, "cast_ballot", { pollId, choices: [choiceOf(v)] });

      // Each counts once, with their last choice.
      const expected = [0, 1].map((c) => [...final.values()].filter((f) => f === c).length);
      const tally = () => facilitator.state.polls?.get(pollId);
      await waitFor(
        "every ballot counted",
        () => tally()?.ballots === voters.length && tally()?.counts[0] === expected[0],
        10_000,
      );
      expect([...(tally()?.counts ?? [])]).toEqual(expected);

      const poll: PollUnderTest = {
        pollId,
        marks: OPTIONS.flatMap((text, choice) => [
          { bytes: Buffer.from(JSON.stringify([choice])), choice },
          { bytes: Buffer.from(text), choice },
        ]),
        voters: voters.map((v) => v.join.participantId),
        known: new Map(informants.map((v) => [v.join.participantId, choiceOf(v)])),
      };
      const truth = new Map(targets.map((v) => [v.join.participantId, choiceOf(v)]));
      const attack = (phase: string, seen: DatabaseSnapshot) =>
        ATTACKS.map((a) => ({ phase, ...scorePairing(a.name, truth, a.guess(seen, poll)) }));

      const results = attack("open", await snapshot());
      await ok(facilitator, "poll_close", { pollId });
      await waitFor("the poll closed", () => tally()?.status === "closed", 10_000);
      results.push(...attack("closed", await snapshot()));
      expect([...(tally()?.counts ?? [])]).toEqual(expected);

      if (process.env.PLENUM_SHOW_PAIRING) {
        const seen = await snapshot();
        console.log(
          seen.commits.length,
          seen.raw.map((r) => r.length),
          seen.raw[1]?.readUInt32BE(16),
        );
        console.log(describeResults(results));
      }
      const paired = results.filter((r) => r.pValue < ALPHA);
      expect(paired, `pairings better than chance:\n${describeResults(results)}`).toEqual([]);
    }, 120_000);

    it("keeps the voter of a named poll, as the poll announces", async () => {
      const { pollId } = (await ok(facilitator, "poll_create", {
        question: "Who takes the minutes?",
        kind: "single",
        options: ["Me", "Someone else"],
        anonymous: false,
        open: true,
      })) as { pollId: string };
      const [anouk] = voters as [Voter];
      await ok(anouk.room, "cast_ballot", { pollId, choices: [1] });
      await ok(facilitator, "poll_close", { pollId });
      const id = Buffer.from(anouk.join.participantId);
      const named = (await snapshot()).versions.filter(
        (v) =>
          v.live && v.bytes.includes(id) && v.bytes.includes(Buffer.from("[1]")) && v.bytes.includes(pollId),
      );
      expect(named).toHaveLength(1);
    });
  },
);

/**
 * The inspector's own check: against ballot boxes that do leak, the same attacks must find the
 * pairing. Each box writes 128 voters straight into a database of its own, the way a design would.
 */
interface LeakyBox {
  readonly name: string;
  /** The attack that must pair them. */
  readonly caughtBy: RegExp;
  readonly tables: string;
  /** The statements of one vote, each list its own transaction. */
  vote(pollId: string, voter: string, choice: number, at: number): [string, unknown[]][][];
}

const createHash = (text: string) => crypto.createHash("sha256").update(text).digest("hex");

const LEAKY_BOXES: LeakyBox[] = [
  {
    name: "voter and ballot in one transaction (the store before the seal)",
    caughtBy: /^same (transaction|commit)/,
    tables:
      "CREATE TABLE voters (poll_id TEXT, participant_id TEXT); CREATE TABLE ballots (id TEXT, poll_id TEXT, choices TEXT);",
    vote: (pollId, voter, choice) => [
      [
        ["INSERT INTO voters VALUES (?, ?)", [pollId, voter]],
        ["INSERT INTO ballots VALUES (?, ?, ?)", [crypto.randomUUID(), pollId, JSON.stringify([choice])]],
      ],
    ],
  },
  {
    name: "voter and ballot in consecutive transactions",
    caughtBy: /^neighbouring/,
    tables:
      "CREATE TABLE voters (poll_id TEXT, participant_id TEXT); CREATE TABLE ballots (id TEXT, poll_id TEXT, choices TEXT);",
    vote: (pollId, voter, choice) => [
      [["INSERT INTO voters VALUES (?, ?)", [pollId, voter]]],
      [["INSERT INTO ballots VALUES (?, ?, ?)", [crypto.randomUUID(), pollId, JSON.stringify([choice])]]],
    ],
  },
  {
    name: "the choice sealed without a nonce (equal choices, equal bytes)",
    caughtBy: /like an informant/,
    tables: "CREATE TABLE voters (poll_id TEXT, participant_id TEXT, sealed TEXT);",
    vote: (pollId, voter, choice) => [
      [["INSERT INTO voters VALUES (?, ?, ?)", [pollId, voter, createHash(`${pollId}:${choice}`)]]],
    ],
  },
  {
    name: "ballots and voters both kept in voting order",
    caughtBy: /^row order/,
    tables:
      "CREATE TABLE voters (n INTEGER, poll_id TEXT, participant_id TEXT); CREATE TABLE ballots (n INTEGER, poll_id TEXT, choices TEXT);",
    vote: (pollId, voter, choice, at) => [
      [["INSERT INTO voters VALUES (?, ?, ?)", [at, pollId, voter]]],
      [["INSERT INTO ballots VALUES (?, ?, ?)", [at, `${pollId}-ballots`, JSON.stringify([choice])]]],
    ],
  },
  {
    name: "ballots and voters both stamped with the time of the vote",
    caughtBy: /^nearest time/,
    tables:
      "CREATE TABLE voters (poll_id TEXT, participant_id TEXT, voted_at BIGINT); CREATE TABLE ballots (poll TEXT, choices TEXT, cast_at BIGINT);",
    vote: (pollId, voter, choice, at) => [
      [["INSERT INTO voters VALUES (?, ?, ?)", [pollId, voter, 1_750_000_000_000 + at * 1000]]],
      [
        [
          "INSERT INTO ballots VALUES (?, ?, ?)",
          ["box", JSON.stringify([choice]), 1_750_000_000_000 + at * 1000 + 7],
        ],
      ],
    ],
  },
];

describe.each(BACKENDS)("the inspector, against ballot boxes that leak ($name)", ({ name, available }) => {
  let postgres: TestPostgres | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), "plenum-leaky-"));

  beforeAll(async () => {
    if (!available()) throw new Error("PostgreSQL is not installed (.ci/run installs it)");
    postgres = name === "PostgreSQL" ? await startPostgres() : undefined;
  }, 60_000);

  afterAll(async () => {
    await postgres?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(LEAKY_BOXES.map((box, i) => ({ ...box, i })))("pairs them when $name", async (box) => {
    const pollId = crypto.randomBytes(12).toString("base64url");
    const ids = Array.from({ length: TARGETS + INFORMANTS }, () =>
      crypto.randomBytes(12).toString("base64url"),
    );
    const final = new Map<string, number>();
    const targets = ids.slice(0, TARGETS);
    for (const [i, id] of shuffled(targets).entries()) final.set(id, i < TARGETS / 2 ? 0 : 1);
    for (const id of ids.slice(TARGETS)) final.set(id, randomInt(2));
    const transactions = shuffled(ids).flatMap((id, at) => box.vote(pollId, id, final.get(id) as number, at));

    let seen: DatabaseSnapshot;
    if (postgres) {
      const admin = new pg.Client({ connectionString: postgres.url });
      await admin.connect();
      await admin.query(`CREATE DATABASE leaky_${box.i}`);
      await admin.end();
      const url = postgres.url.replace(/\/postgres$/, `/leaky_${box.i}`);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(box.tables);
      for (const statements of transactions) {
        await client.query("BEGIN");
        for (const [sql, params] of statements) {
          let n = 0;
          await client.query(
            sql.replace(/\?/g, () => `$${++n}`),
            params,
          );
        }
        await client.query("COMMIT");
      }
      await client.end();
      seen = await inspectPostgres(url);
    } else {
      const file = path.join(dataDir, `leaky-${box.i}.sqlite`);
      const db = new DatabaseSync(file);
      db.exec("PRAGMA journal_mode = WAL;");
      db.exec(box.tables);
      for (const statements of transactions) {
        db.exec("BEGIN");
        for (const [sql, params] of statements) db.prepare(sql).run(...(params as SQLInputValue[]));
        db.exec("COMMIT");
      }
      seen = inspectSqlite(file);
      db.close();
    }
    const poll: PollUnderTest = {
      pollId,
      marks: [0, 1].map((choice) => ({ bytes: Buffer.from(JSON.stringify([choice])), choice })),
      voters: ids,
      known: new Map(ids.slice(TARGETS).map((id) => [id, final.get(id) as number])),
    };
    const truth = new Map(targets.map((id) => [id, final.get(id) as number]));
    const results = ATTACKS.map((a) => scorePairing(a.name, truth, a.guess(seen, poll)));
    if (process.env.PLENUM_SHOW_PAIRING)
      console.log(box.name, describeResults(results.map((r) => ({ ...r, phase: "leaky" }))));
    const caught = results.filter((r) => box.caughtBy.test(r.attack) && r.pValue < ALPHA);
    expect(caught, describeResults(results.map((r) => ({ ...r, phase: "leaky" })))).not.toEqual([]);
  });
});

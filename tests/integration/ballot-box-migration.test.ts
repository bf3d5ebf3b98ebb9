/**
 * A database written before the sealed ballot box (voter rows beside ballots keyed by an HMAC, in the
 * same transaction) is converted once when a store opens it: an open poll's ballots are sealed into
 * their voters' rows and go on counting and being replaced; a closed poll keeps its tally and loses its
 * voter rows and anonymous ballots; a named poll keeps its voters' choices; the ballot keys are gone.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../server/config.ts";
import { BallotSeal } from "../../server/store/ballot-seal.ts";
import type { ConsultationStore } from "../../server/store/consultation-store.ts";
import { MIGRATIONS as POSTGRES_MIGRATIONS, PostgresStore } from "../../server/store/postgres-store.ts";
import { MIGRATIONS as SQLITE_MIGRATIONS, SqliteStore } from "../../server/store/sqlite-store.ts";
import type { Poll } from "../../shared/consultation/polls.ts";
import { rawPostgresPages } from "../support/db-inspector.ts";
import { postgresAvailable, startPostgres, type TestPostgres } from "../support/test-postgres.ts";

const SECRET = "the session secret these ballots were keyed with, long enough";
const seal = new BallotSeal(SECRET);

const poll = (id: string, status: Poll["status"], anonymous: boolean): Poll => ({
  id,
  question: id,
  kind: "single",
  options: ["Yes", "No", "Later"],
  maxChoices: 1,
  scaleMax: 5,
  anonymous,
  reveal: "live",
  status,
});
const OPEN = poll("open-poll", "open", true);
const CLOSED = poll("closed-poll", "closed", true);
const NAMED = poll("named-poll", "closed", false);

/** What the store before the seal wrote, in SQL both engines accept. */
function legacyRows(): [string, unknown[]][] {
  const rows: [string, unknown[]][] = [
    [
      "INSERT INTO consultations (id, title, language, join_code, facilitator_key_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      ["c1", "Old", "en", "OLDOLD", "hash", 1],
    ],
  ];
  for (const p of [OPEN, CLOSED, NAMED])
    rows.push([
      "INSERT INTO polls (id, consultation_id, created_at, body) VALUES (?, ?, ?, ?)",
      [p.id, "c1", 1, JSON.stringify(p)],
    ]);
  const votes: [Poll, string, number][] = [
    [OPEN, "ann", 0],
    [OPEN, "bob", 2],
    [OPEN, "cas", 2],
    [CLOSED, "ann", 1],
    [CLOSED, "bob", 1],
    [NAMED, "ann", 0],
  ];
  for (const [p, voter, choice] of votes) {
    rows.push(["INSERT INTO poll_voters (poll_id, participant_id) VALUES (?, ?)", [p.id, voter]]);
    // Closing dropped the keys of closed polls; named polls kept their voter.
    rows.push([
      "INSERT INTO ballots (id, poll_id, ballot_key, voter_id, choices) VALUES (?, ?, ?, ?, ?)",
      [
        `ballot-${p.id}-${voter}`,
        p.id,
        p.status === "open" ? seal.legacyBallotKey(p.id, voter) : null,
        p.anonymous ? null : voter,
        JSON.stringify([choice]),
      ],
    ]);
  }
  return rows;
}

const BACKENDS: { name: string; available: () => boolean }[] = [
  { name: "SQLite", available: () => true },
  { name: "PostgreSQL", available: postgresAvailable },
];

describe.each(BACKENDS)("a store from before the sealed ballot box ($name)", ({ name, available }) => {
  let postgres: TestPostgres | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), "plenum-legacy-"));
  let store: ConsultationStore;
  let rows: (sql: string) => Promise<Record<string, unknown>[]>;

  beforeAll(async () => {
    if (!available()) throw new Error("PostgreSQL is not installed (.ci/run installs it)");
    if (name === "PostgreSQL") {
      postgres = await startPostgres();
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      // The migrations as they were before the ballot box: the tables, then the chat.
      await client.query("CREATE TABLE schema_version (version INTEGER NOT NULL)");
      await client.query("INSERT INTO schema_version (version) VALUES (2)");
      for (const migration of POSTGRES_MIGRATIONS.slice(0, 2)) await client.query(migration as string);
      for (const [sql, params] of legacyRows()) {
        let n = 0;
        await client.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        );
      }
      await client.end();
      store = await PostgresStore.connect(postgres.url, readConfig({}).databaseTimeouts, seal);
      rows = async (sql) => {
        const c = new pg.Client({ connectionString: postgres?.url });
        await c.connect();
        try {
          return (await c.query(sql)).rows;
        } finally {
          await c.end();
        }
      };
    } else {
      const file = path.join(dataDir, "plenum.sqlite");
      const db = new DatabaseSync(file);
      for (const migration of SQLITE_MIGRATIONS.slice(0, 5)) db.exec(migration as string);
      db.exec("PRAGMA user_version = 5");
      for (const [sql, params] of legacyRows())
        db.prepare(sql).run(...(params as (string | number | null)[]));
      db.close();
      store = await SqliteStore.open(file, seal);
      rows = async (sql) => {
        const reader = new DatabaseSync(file, { readOnly: true });
        try {
          return reader.prepare(sql).all() as Record<string, unknown>[];
        } finally {
          reader.close();
        }
      };
    }
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await postgres?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("seals an open poll's ballots into its voters' rows, and they go on counting and being replaced", async () => {
    expect(await store.pollTally(OPEN)).toEqual({ ballots: 3, counts: [1, 0, 2] });
    expect(await store.castBallot({ pollId: OPEN.id, voterId: "bob", choices: [1] })).toEqual([2]);
    expect(await store.pollTally(OPEN)).toEqual({ ballots: 3, counts: [1, 1, 1] });
    const voters = await rows(
      "SELECT participant_id, sealed_ballot FROM poll_voters WHERE poll_id = 'open-poll'",
    );
    expect(voters).toHaveLength(3);
    for (const voter of voters) expect((voter.sealed_ballot as Uint8Array).length).toBe(93);
  });

  it("keeps a closed poll's tally, without its voters or anonymous ballots; a named poll keeps its voters", async () => {
    expect(await store.pollTally(CLOSED)).toEqual({ ballots: 2, counts: [0, 2, 0] });
    expect(await store.pollTally(NAMED)).toEqual({ ballots: 1, counts: [1, 0, 0] });
    expect(await rows("SELECT poll_id FROM poll_voters WHERE poll_id <> 'open-poll'")).toEqual([]);
    expect(await rows("SELECT poll_id, voter_id, choices FROM ballots")).toEqual([
      { poll_id: "named-poll", voter_id: "ann", choices: "[0]" },
    ]);
  });

  it("leaves no byte of the converted anonymous ballots or their keys in the database's pages", async () => {
    const bytes = postgres
      ? await rawPostgresPages(postgres.url)
      : Buffer.concat(
          readdirSync(dataDir)
            .filter((file) => file.startsWith("plenum.sqlite"))
            .map((file) => readFileSync(path.join(dataDir, file))),
        );
    const gone = [
      ...["ann", "bob", "cas"].map((voter) => `ballot-open-poll-${voter}`),
      ...["ann", "bob"].map((voter) => `ballot-closed-poll-${voter}`),
      ...["ann", "bob", "cas"].map((voter) => seal.legacyBallotKey(OPEN.id, voter)),
    ];
    expect(gone.filter((needle) => bytes.includes(Buffer.from(needle)))).toEqual([]);
    // The named poll's ballot stays, as it announced: the check reads the pages it should.
    expect(bytes.includes(Buffer.from("ballot-named-poll-ann"))).toBe(true);
  });

  it("drops the ballot keys that found a voter's ballot", async () => {
    const columns =
      name === "SQLite"
        ? await rows("SELECT name FROM pragma_table_info('ballots')")
        : await rows(
            "SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'ballots'",
          );
    expect(columns.map((c) => c.name).sort()).toEqual(["choices", "id", "poll_id", "voter_id"]);
  });
});

/**
 * A database written before interpreters' pairs and interpretation time were stored is brought up to
 * date once when a store opens it, on SQLite and on PostgreSQL: the interpreters it holds keep their
 * role with no pair yet (a facilitator assigns one again), and from then on a pair is kept with the
 * role, cleared with any other role, and stretches of interpretation are kept per language.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../server/config.ts";
import { BallotSeal } from "../../server/store/ballot-seal.ts";
import type { ConsultationStore } from "../../server/store/consultation-store.ts";
import { MIGRATIONS as POSTGRES_MIGRATIONS, PostgresStore } from "../../server/store/postgres-store.ts";
import type { SqlRunner, SqlValue } from "../../server/store/sql-method-records.ts";
import type { Migration } from "../../server/store/sql-schema.ts";
import { sqliteRunner } from "../../server/store/sqlite-runner.ts";
import { MIGRATIONS as SQLITE_MIGRATIONS, SqliteStore } from "../../server/store/sqlite-store.ts";
import { BACKENDS } from "../support/backend-hall.ts";
import { startPostgres, type TestPostgres } from "../support/test-postgres.ts";

const seal = new BallotSeal("the session secret of the store before interpretation");

/** What the store before wrote: a consultation with an interpreter (role only) and a citizen. */
const OLD_ROWS: [string, SqlValue[]][] = [
  [
    "INSERT INTO consultations (id, title, language, join_code, facilitator_key_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    ["c1", "Old", "nl", "OLDOLD", "hash", 1],
  ],
  [
    "INSERT INTO participants (id, consultation_id, display_name, color, role, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    ["anna", "c1", "Anna", "#aa0000", "interpreter", 2],
  ],
  [
    "INSERT INTO participants (id, consultation_id, display_name, color, role, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    ["cas", "c1", "Cas", "#00aa00", "citizen", 3],
  ],
];

/** Applies every migration but the last, as the store before did. */
async function migrateBefore(
  migrations: readonly Migration[],
  sql: SqlRunner,
  exec: (s: string) => Promise<void>,
) {
  for (const migration of migrations.slice(0, -1)) {
    if (typeof migration === "string") await exec(migration);
    else await migration(sql, seal);
  }
  for (const [statement, params] of OLD_ROWS) await sql.run(statement, params);
}

describe.each(BACKENDS)("a store from before interpreters were stored ($name)", ({ name, available }) => {
  let postgres: TestPostgres | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), "plenum-interpreters-"));
  let store: ConsultationStore;

  beforeAll(async () => {
    if (!available()) throw new Error("PostgreSQL is not installed (.ci/run installs it)");
    if (name === "PostgreSQL") {
      postgres = await startPostgres();
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      const numbered = (sql: string) => {
        let n = 0;
        return sql.replace(/\?/g, () => `$${++n}`);
      };
      const runner: SqlRunner = {
        all: async (sql, params = []) => (await client.query(numbered(sql), [...params])).rows,
        run: async (sql, params = []) => {
          await client.query(numbered(sql), [...params]);
        },
        transaction: (work) => work(runner),
      };
      await client.query("CREATE TABLE schema_version (version INTEGER NOT NULL)");
      await client.query("INSERT INTO schema_version (version) VALUES ($1)", [
        POSTGRES_MIGRATIONS.length - 1,
      ]);
      await migrateBefore(POSTGRES_MIGRATIONS, runner, async (sql) => {
        await client.query(sql);
      });
      await client.end();
      store = await PostgresStore.connect(postgres.url, readConfig({}).databaseTimeouts, seal);
    } else {
      const file = path.join(dataDir, "plenum.sqlite");
      const db = new DatabaseSync(file);
      await migrateBefore(SQLITE_MIGRATIONS, sqliteRunner(db), async (sql) => db.exec(sql));
      db.exec(`PRAGMA user_version = ${SQLITE_MIGRATIONS.length - 1}`);
      db.close();
      store = await SqliteStore.open(file, seal);
    }
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await postgres?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps an interpreter's role, with no pair until one is assigned", async () => {
    const anna = await store.findParticipant("anna");
    expect(anna?.role).toBe("interpreter");
    expect(anna?.interpreterLanguages).toEqual([]);
  });

  it("keeps a pair with the interpreter role and clears it with any other", async () => {
    await store.setParticipantRole("cas", "interpreter", ["nl", "fr"]);
    expect((await store.findParticipant("cas"))?.interpreterLanguages).toEqual(["nl", "fr"]);
    await store.setParticipantRole("cas", "citizen", ["nl", "fr"]);
    expect((await store.findParticipant("cas"))?.interpreterLanguages).toEqual([]);
    await store.setParticipantRole("cas", "interpreter", ["fr", "en"]);
    expect((await store.findParticipant("cas"))?.interpreterLanguages).toEqual(["fr", "en"]);
  });

  it("keeps stretches of interpretation per language, and forgets none of them with the people", async () => {
    await store.addInterpretationTime("c1", { language: "fr", ms: 90_000 });
    await store.addInterpretationTime("c1", { language: "nl", ms: 30_000 });
    await store.transaction((tx) => tx.forgetPeople("c1"));
    expect(await store.findParticipant("anna")).toBeUndefined();
    expect(await store.listInterpretationTime("c1")).toEqual([
      { language: "fr", ms: 90_000 },
      { language: "nl", ms: 30_000 },
    ]);
    await store.deleteConsultation("c1");
    expect(await store.listInterpretationTime("c1")).toEqual([]);
  });
});

/** The embedded default store: one SQLite file through Node's built-in `node:sqlite`. */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { BallotSeal } from "./ballot-seal.ts";
import { convertLegacyBallots } from "./legacy-ballots.ts";
import { SqlConsultationStore } from "./sql-consultation-store.ts";
import type { SqlRunner } from "./sql-method-records.ts";
import { addColumns, createTable, type Migration, sqlSchema, statements } from "./sql-schema.ts";
import { sqliteRunner } from "./sqlite-runner.ts";

const schema = sqlSchema({
  bigint: "INTEGER",
  serialKey: "INTEGER PRIMARY KEY AUTOINCREMENT",
  bytes: "BLOB",
  withoutRowid: " WITHOUT ROWID",
});

/** Applied in order, each once; the version is the file's `user_version`. Append, never renumber. */
export const MIGRATIONS: readonly Migration[] = [
  statements(
    createTable("consultations", schema.consultations.base),
    createTable("participants", schema.participants.base),
    schema.participantsIndex,
  ),
  // Facilitation and moderation: lock and speaking mode, current roles and session status, bans by
  // device key hash, and the audit log.
  statements(
    addColumns("consultations", schema.consultations.moderation),
    addColumns("participants", schema.participants.moderation),
    schema.moderationTables,
  ),
  // The code of conduct shown at the door.
  addColumns("consultations", schema.consultations.codeOfConduct),
  schema.methodTables,
  schema.chatTable,
  schema.facilitationRights,
  // The sealed ballot box: ballots from before it are sealed into their voters' rows or tallied, and
  // the ballot keys that found a voter's ballot go.
  schema.ballotBoxTables,
  convertLegacyBallots,
  "DROP INDEX ballots_by_key; ALTER TABLE ballots DROP COLUMN ballot_key;",
  // Who may take part.
  addColumns("consultations", schema.consultations.access),
  schema.invitationTable,
  schema.signInTables,
  schema.interpretationTables,
];

/** The first version with the sealed ballot box and secure_delete (the migration after `facilitationRights`). */
const SEALED_BALLOT_BOX_VERSION = MIGRATIONS.indexOf(schema.ballotBoxTables) + 1;

export class SqliteStore extends SqlConsultationStore {
  readonly #db: DatabaseSync;
  readonly #seal: BallotSeal;
  #runner: SqlRunner | undefined;

  /** Opens (or creates) the file and brings its tables up to date. */
  static async open(file: string, seal: BallotSeal): Promise<SqliteStore> {
    const store = new SqliteStore(file, seal);
    await store.#migrate();
    return store;
  }

  private constructor(file: string, seal: BallotSeal) {
    super();
    this.#seal = seal;
    mkdirSync(path.dirname(file), { recursive: true });
    this.#db = new DatabaseSync(file);
    // WAL with full sync: a write that returned is on disk, even if the process is killed next. Deleted
    // rows are overwritten with zeros, in the file and in the log's copies of the pages, so that a purge
    // leaves nothing to read once the log is checkpointed (`scrub`).
    this.#db.exec(
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;",
    );
  }

  protected runner(): SqlRunner {
    this.#runner ??= sqliteRunner(this.#db);
    return this.#runner;
  }

  protected ballotSeal(): BallotSeal {
    return this.#seal;
  }

  async #migrate(): Promise<void> {
    const version = Number(
      (this.#db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version,
    );
    for (let step = version; step < MIGRATIONS.length; step++) {
      const migration = MIGRATIONS[step] as Migration;
      await this.runner().transaction(async (tx) => {
        if (typeof migration === "string") this.#db.exec(migration);
        else await migration(tx, this.#seal);
        this.#db.exec(`PRAGMA user_version = ${step + 1}`);
      });
    }
    // A file from before the sealed ballot box was written without secure_delete: its free pages may
    // still hold what it deleted then (ballots beside their voters among them). Rebuilt once, it holds
    // only its live rows; the log is emptied after.
    if (version > 0 && version < SEALED_BALLOT_BOX_VERSION) {
      this.#db.exec("VACUUM");
      await this.scrub();
    }
  }

  protected isDuplicateJoinCode(error: unknown): boolean {
    return error instanceof Error && /UNIQUE constraint failed: consultations\.join_code/.test(error.message);
  }

  /** Copies the log into the file and empties it: the log's older page images, purged rows in them, go. */
  async scrub(): Promise<void> {
    await this.runner().run("PRAGMA wal_checkpoint(TRUNCATE)");
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}

/** The embedded default store: one SQLite file through Node's built-in `node:sqlite`. */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { SqlConsultationStore } from "./sql-consultation-store.ts";
import type { SqlRunner } from "./sql-method-records.ts";
import { addColumns, createTable, sqlSchema, statements } from "./sql-schema.ts";
import { sqliteRunner } from "./sqlite-runner.ts";

const schema = sqlSchema({
  bigint: "INTEGER",
  serialKey: "INTEGER PRIMARY KEY AUTOINCREMENT",
  bytes: "BLOB",
  withoutRowid: " WITHOUT ROWID",
});

/** Applied in order, each once; the version is the file's `user_version`. Append, never renumber. */
const MIGRATIONS = [
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
  // Who may take part.
  addColumns("consultations", schema.consultations.access),
  schema.invitationTable,
  schema.signInTables,
];

export class SqliteStore extends SqlConsultationStore {
  readonly #db: DatabaseSync;
  #runner: SqlRunner | undefined;

  constructor(file: string) {
    super();
    mkdirSync(path.dirname(file), { recursive: true });
    this.#db = new DatabaseSync(file);
    // WAL with full sync: a write that returned is on disk, even if the process is killed next.
    this.#db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
    this.#migrate();
  }

  protected runner(): SqlRunner {
    this.#runner ??= sqliteRunner(this.#db);
    return this.#runner;
  }

  #migrate(): void {
    const version = Number(
      (this.#db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version,
    );
    for (let step = version; step < MIGRATIONS.length; step++) {
      this.#db.exec("BEGIN");
      try {
        this.#db.exec(MIGRATIONS[step] as string);
        this.#db.exec(`PRAGMA user_version = ${step + 1}`);
        this.#db.exec("COMMIT");
      } catch (error) {
        this.#db.exec("ROLLBACK");
        throw error;
      }
    }
  }

  protected isDuplicateJoinCode(error: unknown): boolean {
    return error instanceof Error && /UNIQUE constraint failed: consultations\.join_code/.test(error.message);
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}

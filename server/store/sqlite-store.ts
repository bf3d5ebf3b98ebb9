/** The embedded default store: one SQLite file through Node's built-in `node:sqlite`. */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { SqlConsultationStore } from "./sql-consultation-store.ts";
import type { SqlRunner } from "./sql-method-records.ts";
import { sqliteRunner } from "./sqlite-runner.ts";

const MIGRATIONS = [
  `CREATE TABLE consultations (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     language TEXT NOT NULL,
     join_code TEXT NOT NULL UNIQUE,
     facilitator_key_hash TEXT NOT NULL UNIQUE,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE participants (
     id TEXT PRIMARY KEY,
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     display_name TEXT NOT NULL,
     color TEXT NOT NULL,
     role TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX participants_by_consultation ON participants(consultation_id);`,
  // Facilitation and moderation: lock and speaking mode, current roles and session status, bans by
  // device key hash, and the audit log.
  `ALTER TABLE consultations ADD COLUMN locked INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE consultations ADD COLUMN speaking_mode TEXT NOT NULL DEFAULT 'town_hall';
   ALTER TABLE participants ADD COLUMN device_key_hash TEXT;
   ALTER TABLE participants ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
   ALTER TABLE participants ADD COLUMN entered_at INTEGER;
   CREATE TABLE bans (
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     device_key_hash TEXT NOT NULL,
     participant_id TEXT NOT NULL REFERENCES participants(id),
     created_at INTEGER NOT NULL,
     PRIMARY KEY (consultation_id, device_key_hash)
   );
   CREATE TABLE audit_log (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     at INTEGER NOT NULL,
     actor_id TEXT REFERENCES participants(id),
     action TEXT NOT NULL,
     target_id TEXT REFERENCES participants(id),
     reason TEXT,
     detail TEXT
   );
   CREATE INDEX audit_by_consultation ON audit_log(consultation_id, id);`,
  // The code of conduct shown at the door; consultations made before it get the empty text, which the
  // front desk replaces with the default of their language.
  `ALTER TABLE consultations ADD COLUMN code_of_conduct TEXT NOT NULL DEFAULT '';`,
  // The consultation methods (server/store/sql-method-records.ts). Ballots have random ids and no
  // time, kept apart from the list of who voted; the ballot key is an HMAC, never a participant id.
  `CREATE TABLE consultation_documents (
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     kind TEXT NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (consultation_id, kind)
   );
   CREATE TABLE polls (
     id TEXT PRIMARY KEY,
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     created_at INTEGER NOT NULL,
     body TEXT NOT NULL
   );
   CREATE TABLE poll_voters (
     poll_id TEXT NOT NULL REFERENCES polls(id),
     participant_id TEXT NOT NULL,
     PRIMARY KEY (poll_id, participant_id)
   ) WITHOUT ROWID;
   CREATE TABLE ballots (
     id TEXT NOT NULL,
     poll_id TEXT NOT NULL REFERENCES polls(id),
     ballot_key TEXT,
     voter_id TEXT,
     choices TEXT NOT NULL,
     PRIMARY KEY (poll_id, id)
   ) WITHOUT ROWID;
   CREATE UNIQUE INDEX ballots_by_key ON ballots(poll_id, ballot_key);
   CREATE TABLE ideas (
     id TEXT PRIMARY KEY,
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     author_id TEXT,
     text TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     pinned INTEGER NOT NULL DEFAULT 0,
     hidden INTEGER NOT NULL DEFAULT 0,
     hidden_reason TEXT,
     cluster_id TEXT
   );
   CREATE INDEX ideas_by_consultation ON ideas(consultation_id);
   CREATE TABLE idea_votes (
     idea_id TEXT NOT NULL REFERENCES ideas(id),
     participant_id TEXT NOT NULL,
     PRIMARY KEY (idea_id, participant_id)
   );
   CREATE TABLE idea_clusters (
     id TEXT PRIMARY KEY,
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     label TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE budget_allocations (
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     participant_id TEXT NOT NULL,
     allocation TEXT NOT NULL,
     PRIMARY KEY (consultation_id, participant_id)
   );
   CREATE TABLE speaking_time (
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     participant_id TEXT NOT NULL,
     role TEXT NOT NULL,
     ms INTEGER NOT NULL
   );
   CREATE TABLE attendance (
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     participant_id TEXT NOT NULL,
     device TEXT NOT NULL,
     role TEXT NOT NULL,
     PRIMARY KEY (consultation_id, participant_id)
   );
   CREATE TABLE slides (
     id TEXT PRIMARY KEY,
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     position INTEGER NOT NULL,
     mime TEXT NOT NULL,
     bytes BLOB NOT NULL
   );
   CREATE TABLE reports (
     consultation_id TEXT PRIMARY KEY REFERENCES consultations(id),
     closed_at INTEGER NOT NULL,
     body TEXT NOT NULL
   );`,
  // The room's text chat; `seq` keeps the sending order of messages within the same millisecond.
  `CREATE TABLE chat_messages (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     author_id TEXT,
     text TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     hidden INTEGER NOT NULL DEFAULT 0,
     hidden_reason TEXT
   );
   CREATE INDEX chat_by_consultation ON chat_messages(consultation_id, created_at);`,
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

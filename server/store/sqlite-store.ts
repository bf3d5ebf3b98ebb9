/** The embedded default store: one SQLite file through Node's built-in `node:sqlite`. */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { DatabaseSync, type SQLOutputValue } from "node:sqlite";
import type { Language, Role } from "../../shared/protocol/roles.ts";
import {
  type ConsultationRecord,
  type ConsultationStore,
  DuplicateJoinCodeError,
  type NewConsultation,
  type ParticipantRecord,
} from "./consultation-store.ts";

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
];

type Row = Record<string, SQLOutputValue>;

function toConsultation(row: Row | undefined): ConsultationRecord | undefined {
  if (!row) return undefined;
  return {
    id: String(row.id),
    title: String(row.title),
    language: String(row.language) as Language,
    joinCode: String(row.join_code),
    createdAt: Number(row.created_at),
  };
}

function toParticipant(row: Row | undefined): ParticipantRecord | undefined {
  if (!row) return undefined;
  return {
    id: String(row.id),
    consultationId: String(row.consultation_id),
    displayName: String(row.display_name),
    color: String(row.color),
    role: String(row.role) as Role,
    createdAt: Number(row.created_at),
  };
}

export class SqliteStore implements ConsultationStore {
  readonly #db: DatabaseSync;

  constructor(file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.#db = new DatabaseSync(file);
    // WAL with full sync: a write that returned is on disk, even if the process is killed next.
    this.#db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
    this.#migrate();
  }

  #migrate(): void {
    const version = Number((this.#db.prepare("PRAGMA user_version").get() as Row).user_version);
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

  async createConsultation(input: NewConsultation): Promise<ConsultationRecord> {
    try {
      this.#db
        .prepare(
          "INSERT INTO consultations (id, title, language, join_code, facilitator_key_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .run(input.id, input.title, input.language, input.joinCode, input.facilitatorKeyHash, input.createdAt);
    } catch (error) {
      if (error instanceof Error && /UNIQUE constraint failed: consultations\.join_code/.test(error.message)) {
        throw new DuplicateJoinCodeError(input.joinCode);
      }
      throw error;
    }
    return { id: input.id, title: input.title, language: input.language, joinCode: input.joinCode, createdAt: input.createdAt };
  }

  async findConsultation(id: string): Promise<ConsultationRecord | undefined> {
    return toConsultation(this.#db.prepare("SELECT * FROM consultations WHERE id = ?").get(id));
  }

  async findByJoinCode(joinCode: string): Promise<ConsultationRecord | undefined> {
    return toConsultation(this.#db.prepare("SELECT * FROM consultations WHERE join_code = ?").get(joinCode));
  }

  async findByFacilitatorKeyHash(hash: string): Promise<ConsultationRecord | undefined> {
    return toConsultation(this.#db.prepare("SELECT * FROM consultations WHERE facilitator_key_hash = ?").get(hash));
  }

  async addParticipant(p: ParticipantRecord): Promise<void> {
    this.#db
      .prepare(
        "INSERT INTO participants (id, consultation_id, display_name, color, role, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      )
      .run(p.id, p.consultationId, p.displayName, p.color, p.role, p.createdAt);
  }

  async findParticipant(id: string): Promise<ParticipantRecord | undefined> {
    return toParticipant(this.#db.prepare("SELECT * FROM participants WHERE id = ?").get(id));
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}

/** The embedded default store: one SQLite file through Node's built-in `node:sqlite`. */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { DatabaseSync, type SQLOutputValue } from "node:sqlite";
import type { AuditAction, AuditEntry } from "../../shared/consultation/audit.ts";
import { isSpeakingMode, type SpeakingMode } from "../../shared/consultation/speaking-mode.ts";
import type { Language, Role } from "../../shared/protocol/roles.ts";
import {
  type ConsultationRecord,
  type ConsultationStore,
  DuplicateJoinCodeError,
  type NewAuditEntry,
  type NewConsultation,
  type ParticipantRecord,
  type ParticipantStatus,
} from "./consultation-store.ts";
import { SqlMethodRecords, type SqlRunner } from "./sql-method-records.ts";
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
    codeOfConduct: String(row.code_of_conduct ?? ""),
    locked: Number(row.locked) === 1,
    speakingMode: isSpeakingMode(String(row.speaking_mode))
      ? (String(row.speaking_mode) as SpeakingMode)
      : "town_hall",
  };
}

function optionalText(value: SQLOutputValue | undefined): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

function toAuditEntry(row: Row): AuditEntry {
  const detail = optionalText(row.detail);
  return {
    id: Number(row.id),
    at: Number(row.at),
    actorId: optionalText(row.actor_id),
    actorName: optionalText(row.actor_name),
    action: String(row.action) as AuditAction,
    targetId: optionalText(row.target_id),
    targetName: optionalText(row.target_name),
    reason: optionalText(row.reason),
    detail: detail === undefined ? undefined : JSON.parse(detail),
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
    deviceKeyHash: optionalText(row.device_key_hash),
    status: String(row.status) as ParticipantStatus,
    enteredAt: row.entered_at === null ? undefined : Number(row.entered_at),
  };
}

export class SqliteStore extends SqlMethodRecords implements ConsultationStore {
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
          "INSERT INTO consultations (id, title, language, join_code, facilitator_key_hash, created_at, code_of_conduct) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .run(
          input.id,
          input.title,
          input.language,
          input.joinCode,
          input.facilitatorKeyHash,
          input.createdAt,
          input.codeOfConduct,
        );
    } catch (error) {
      if (
        error instanceof Error &&
        /UNIQUE constraint failed: consultations\.join_code/.test(error.message)
      ) {
        throw new DuplicateJoinCodeError(input.joinCode);
      }
      throw error;
    }
    return {
      id: input.id,
      title: input.title,
      language: input.language,
      joinCode: input.joinCode,
      createdAt: input.createdAt,
      codeOfConduct: input.codeOfConduct,
      locked: false,
      speakingMode: "town_hall",
    };
  }

  async findConsultation(id: string): Promise<ConsultationRecord | undefined> {
    return toConsultation(this.#db.prepare("SELECT * FROM consultations WHERE id = ?").get(id));
  }

  async findByJoinCode(joinCode: string): Promise<ConsultationRecord | undefined> {
    return toConsultation(this.#db.prepare("SELECT * FROM consultations WHERE join_code = ?").get(joinCode));
  }

  async findByFacilitatorKeyHash(hash: string): Promise<ConsultationRecord | undefined> {
    return toConsultation(
      this.#db.prepare("SELECT * FROM consultations WHERE facilitator_key_hash = ?").get(hash),
    );
  }

  async addParticipant(p: ParticipantRecord): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO participants (id, consultation_id, display_name, color, role, created_at, device_key_hash, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        p.id,
        p.consultationId,
        p.displayName,
        p.color,
        p.role,
        p.createdAt,
        p.deviceKeyHash ?? null,
        p.status ?? "active",
      );
  }

  async findParticipant(id: string): Promise<ParticipantRecord | undefined> {
    return toParticipant(this.#db.prepare("SELECT * FROM participants WHERE id = ?").get(id));
  }

  async setParticipantRole(id: string, role: Role): Promise<void> {
    this.#db.prepare("UPDATE participants SET role = ? WHERE id = ?").run(role, id);
  }

  async setParticipantStatus(id: string, status: ParticipantStatus): Promise<void> {
    this.#db.prepare("UPDATE participants SET status = ? WHERE id = ?").run(status, id);
  }

  async markEntered(id: string, at: number): Promise<void> {
    this.#db
      .prepare("UPDATE participants SET entered_at = ? WHERE id = ? AND entered_at IS NULL")
      .run(at, id);
  }

  async setLocked(consultationId: string, locked: boolean): Promise<void> {
    this.#db.prepare("UPDATE consultations SET locked = ? WHERE id = ?").run(locked ? 1 : 0, consultationId);
  }

  async setSpeakingMode(consultationId: string, mode: SpeakingMode): Promise<void> {
    this.#db.prepare("UPDATE consultations SET speaking_mode = ? WHERE id = ?").run(mode, consultationId);
  }

  async addBan(
    consultationId: string,
    deviceKeyHash: string,
    participantId: string,
    at: number,
  ): Promise<void> {
    this.#db
      .prepare(
        "INSERT OR IGNORE INTO bans (consultation_id, device_key_hash, participant_id, created_at) VALUES (?, ?, ?, ?)",
      )
      .run(consultationId, deviceKeyHash, participantId, at);
  }

  async isDeviceBanned(consultationId: string, deviceKeyHash: string): Promise<boolean> {
    return (
      this.#db
        .prepare("SELECT 1 FROM bans WHERE consultation_id = ? AND device_key_hash = ?")
        .get(consultationId, deviceKeyHash) !== undefined
    );
  }

  async appendAudit(entry: NewAuditEntry): Promise<number> {
    const result = this.#db
      .prepare(
        "INSERT INTO audit_log (consultation_id, at, actor_id, action, target_id, reason, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
      )
      .run(
        entry.consultationId,
        entry.at,
        entry.actorId ?? null,
        entry.action,
        entry.targetId ?? null,
        entry.reason ?? null,
        entry.detail === undefined ? null : JSON.stringify(entry.detail),
      );
    return Number(result.lastInsertRowid);
  }

  async listAudit(consultationId: string): Promise<AuditEntry[]> {
    const rows = this.#db
      .prepare(
        `SELECT audit_log.*, actor.display_name AS actor_name, target.display_name AS target_name
         FROM audit_log
         LEFT JOIN participants AS actor ON actor.id = audit_log.actor_id
         LEFT JOIN participants AS target ON target.id = audit_log.target_id
         WHERE audit_log.consultation_id = ? ORDER BY audit_log.id`,
      )
      .all(consultationId);
    return rows.map(toAuditEntry);
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}

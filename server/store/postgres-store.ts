/**
 * The store for larger deployments: PostgreSQL through `pg` (pure JavaScript). Same tables and
 * meaning as the SQLite store; the consultation methods share their SQL with it (SqlMethodRecords).
 */
import pg from "pg";
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
import { SqlMethodRecords, type SqlRow, type SqlRunner, type SqlValue } from "./sql-method-records.ts";

/** Applied in order, each once; the version is kept in `schema_version`. */
const MIGRATIONS = [
  `CREATE TABLE consultations (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     language TEXT NOT NULL,
     join_code TEXT NOT NULL UNIQUE,
     facilitator_key_hash TEXT NOT NULL UNIQUE,
     created_at BIGINT NOT NULL,
     locked INTEGER NOT NULL DEFAULT 0,
     speaking_mode TEXT NOT NULL DEFAULT 'town_hall',
     code_of_conduct TEXT NOT NULL DEFAULT ''
   );
   CREATE TABLE participants (
     id TEXT PRIMARY KEY,
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     display_name TEXT NOT NULL,
     color TEXT NOT NULL,
     role TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     device_key_hash TEXT,
     status TEXT NOT NULL DEFAULT 'active',
     entered_at BIGINT
   );
   CREATE INDEX participants_by_consultation ON participants(consultation_id);
   CREATE TABLE bans (
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     device_key_hash TEXT NOT NULL,
     participant_id TEXT NOT NULL REFERENCES participants(id),
     created_at BIGINT NOT NULL,
     PRIMARY KEY (consultation_id, device_key_hash)
   );
   CREATE TABLE audit_log (
     id BIGSERIAL PRIMARY KEY,
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     at BIGINT NOT NULL,
     actor_id TEXT REFERENCES participants(id),
     action TEXT NOT NULL,
     target_id TEXT REFERENCES participants(id),
     reason TEXT,
     detail TEXT
   );
   CREATE INDEX audit_by_consultation ON audit_log(consultation_id, id);
   CREATE TABLE consultation_documents (
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     kind TEXT NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (consultation_id, kind)
   );
   CREATE TABLE polls (
     id TEXT PRIMARY KEY,
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     created_at BIGINT NOT NULL,
     body TEXT NOT NULL
   );
   CREATE TABLE poll_voters (
     poll_id TEXT NOT NULL REFERENCES polls(id),
     participant_id TEXT NOT NULL,
     PRIMARY KEY (poll_id, participant_id)
   );
   CREATE TABLE ballots (
     id TEXT NOT NULL,
     poll_id TEXT NOT NULL REFERENCES polls(id),
     ballot_key TEXT,
     voter_id TEXT,
     choices TEXT NOT NULL,
     PRIMARY KEY (poll_id, id)
   );
   CREATE UNIQUE INDEX ballots_by_key ON ballots(poll_id, ballot_key);
   CREATE TABLE ideas (
     id TEXT PRIMARY KEY,
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     author_id TEXT,
     text TEXT NOT NULL,
     created_at BIGINT NOT NULL,
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
     created_at BIGINT NOT NULL
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
     ms BIGINT NOT NULL
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
     bytes BYTEA NOT NULL
   );
   CREATE TABLE reports (
     consultation_id TEXT PRIMARY KEY REFERENCES consultations(id),
     closed_at BIGINT NOT NULL,
     body TEXT NOT NULL
   );`,
];

/** `?` placeholders (shared with SQLite) become PostgreSQL's `$1, $2, ...`. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function runnerOn(client: pg.Pool | pg.PoolClient, pool: pg.Pool): SqlRunner {
  return {
    async all(sql, params: readonly SqlValue[] = []) {
      return (await client.query(numbered(sql), params as unknown[])).rows as SqlRow[];
    },
    async run(sql, params: readonly SqlValue[] = []) {
      await client.query(numbered(sql), params as unknown[]);
    },
    async transaction(work) {
      const tx = await pool.connect();
      try {
        await tx.query("BEGIN");
        const result = await work(runnerOn(tx, pool));
        await tx.query("COMMIT");
        return result;
      } catch (error) {
        await tx.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        tx.release();
      }
    },
  };
}

const text = (value: unknown): string | undefined =>
  value === null || value === undefined ? undefined : String(value);

function toConsultation(row: SqlRow | undefined): ConsultationRecord | undefined {
  if (!row) return undefined;
  const mode = String(row.speaking_mode);
  return {
    id: String(row.id),
    title: String(row.title),
    language: String(row.language) as Language,
    joinCode: String(row.join_code),
    createdAt: Number(row.created_at),
    codeOfConduct: String(row.code_of_conduct ?? ""),
    locked: Number(row.locked) === 1,
    speakingMode: isSpeakingMode(mode) ? (mode as SpeakingMode) : "town_hall",
  };
}

function toParticipant(row: SqlRow | undefined): ParticipantRecord | undefined {
  if (!row) return undefined;
  return {
    id: String(row.id),
    consultationId: String(row.consultation_id),
    displayName: String(row.display_name),
    color: String(row.color),
    role: String(row.role) as Role,
    createdAt: Number(row.created_at),
    deviceKeyHash: text(row.device_key_hash),
    status: String(row.status) as ParticipantStatus,
    enteredAt: row.entered_at === null ? undefined : Number(row.entered_at),
  };
}

export class PostgresStore extends SqlMethodRecords implements ConsultationStore {
  readonly #pool: pg.Pool;
  readonly #sql: SqlRunner;

  private constructor(pool: pg.Pool) {
    super();
    this.#pool = pool;
    this.#sql = runnerOn(pool, pool);
  }

  /** Connects and brings the schema up to date (one migration at a time, under an advisory lock). */
  static async connect(url: string): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    const store = new PostgresStore(pool);
    await store.#migrate();
    return store;
  }

  protected runner(): SqlRunner {
    return this.#sql;
  }

  async #migrate(): Promise<void> {
    const client = await this.#pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock(727001)");
      await client.query("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
      const rows = (await client.query("SELECT version FROM schema_version")).rows as { version: number }[];
      let version = rows[0]?.version ?? 0;
      if (rows.length === 0) await client.query("INSERT INTO schema_version (version) VALUES (0)");
      for (; version < MIGRATIONS.length; version++) {
        await client.query("BEGIN");
        try {
          await client.query(MIGRATIONS[version] as string);
          await client.query("UPDATE schema_version SET version = $1", [version + 1]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock(727001)").catch(() => undefined);
      client.release();
    }
  }

  async #one(sql: string, params: SqlValue[]): Promise<SqlRow | undefined> {
    return (await this.#sql.all(sql, params))[0];
  }

  async createConsultation(input: NewConsultation): Promise<ConsultationRecord> {
    try {
      await this.#sql.run(
        "INSERT INTO consultations (id, title, language, join_code, facilitator_key_hash, created_at, code_of_conduct) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
          input.id,
          input.title,
          input.language,
          input.joinCode,
          input.facilitatorKeyHash,
          input.createdAt,
          input.codeOfConduct,
        ],
      );
    } catch (error) {
      const constraint = (error as { constraint?: unknown }).constraint;
      if (constraint === "consultations_join_code_key") throw new DuplicateJoinCodeError(input.joinCode);
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
    return toConsultation(await this.#one("SELECT * FROM consultations WHERE id = ?", [id]));
  }

  async findByJoinCode(joinCode: string): Promise<ConsultationRecord | undefined> {
    return toConsultation(await this.#one("SELECT * FROM consultations WHERE join_code = ?", [joinCode]));
  }

  async findByFacilitatorKeyHash(hash: string): Promise<ConsultationRecord | undefined> {
    return toConsultation(
      await this.#one("SELECT * FROM consultations WHERE facilitator_key_hash = ?", [hash]),
    );
  }

  async addParticipant(p: ParticipantRecord): Promise<void> {
    await this.#sql.run(
      `INSERT INTO participants (id, consultation_id, display_name, color, role, created_at, device_key_hash, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        p.id,
        p.consultationId,
        p.displayName,
        p.color,
        p.role,
        p.createdAt,
        p.deviceKeyHash ?? null,
        p.status ?? "active",
      ],
    );
  }

  async findParticipant(id: string): Promise<ParticipantRecord | undefined> {
    return toParticipant(await this.#one("SELECT * FROM participants WHERE id = ?", [id]));
  }

  async setParticipantRole(id: string, role: Role): Promise<void> {
    await this.#sql.run("UPDATE participants SET role = ? WHERE id = ?", [role, id]);
  }

  async setParticipantStatus(id: string, status: ParticipantStatus): Promise<void> {
    await this.#sql.run("UPDATE participants SET status = ? WHERE id = ?", [status, id]);
  }

  async markEntered(id: string, at: number): Promise<void> {
    await this.#sql.run("UPDATE participants SET entered_at = ? WHERE id = ? AND entered_at IS NULL", [
      at,
      id,
    ]);
  }

  async setLocked(consultationId: string, locked: boolean): Promise<void> {
    await this.#sql.run("UPDATE consultations SET locked = ? WHERE id = ?", [locked ? 1 : 0, consultationId]);
  }

  async setSpeakingMode(consultationId: string, mode: SpeakingMode): Promise<void> {
    await this.#sql.run("UPDATE consultations SET speaking_mode = ? WHERE id = ?", [mode, consultationId]);
  }

  async addBan(
    consultationId: string,
    deviceKeyHash: string,
    participantId: string,
    at: number,
  ): Promise<void> {
    await this.#sql.run(
      `INSERT INTO bans (consultation_id, device_key_hash, participant_id, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (consultation_id, device_key_hash) DO NOTHING`,
      [consultationId, deviceKeyHash, participantId, at],
    );
  }

  async isDeviceBanned(consultationId: string, deviceKeyHash: string): Promise<boolean> {
    return (
      (await this.#one("SELECT 1 AS hit FROM bans WHERE consultation_id = ? AND device_key_hash = ?", [
        consultationId,
        deviceKeyHash,
      ])) !== undefined
    );
  }

  async appendAudit(entry: NewAuditEntry): Promise<number> {
    const row = await this.#one(
      "INSERT INTO audit_log (consultation_id, at, actor_id, action, target_id, reason, detail) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      [
        entry.consultationId,
        entry.at,
        entry.actorId ?? null,
        entry.action,
        entry.targetId ?? null,
        entry.reason ?? null,
        entry.detail === undefined ? null : JSON.stringify(entry.detail),
      ],
    );
    return Number(row?.id);
  }

  async listAudit(consultationId: string): Promise<AuditEntry[]> {
    const rows = await this.#sql.all(
      `SELECT audit_log.*, actor.display_name AS actor_name, target.display_name AS target_name
       FROM audit_log
       LEFT JOIN participants AS actor ON actor.id = audit_log.actor_id
       LEFT JOIN participants AS target ON target.id = audit_log.target_id
       WHERE audit_log.consultation_id = ? ORDER BY audit_log.id`,
      [consultationId],
    );
    return rows.map((row) => {
      const detail = text(row.detail);
      return {
        id: Number(row.id),
        at: Number(row.at),
        actorId: text(row.actor_id),
        actorName: text(row.actor_name),
        action: String(row.action) as AuditAction,
        targetId: text(row.target_id),
        targetName: text(row.target_name),
        reason: text(row.reason),
        detail: detail === undefined ? undefined : JSON.parse(detail),
      };
    });
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}

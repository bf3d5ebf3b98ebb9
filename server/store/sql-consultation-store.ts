/**
 * `ConsultationStore` in plain SQL that SQLite and PostgreSQL both accept (`?` placeholders,
 * `ON CONFLICT`, `RETURNING`), over the runner each store provides. A concrete store adds its driver,
 * its migrations, how its driver reports a taken join code, and `close`.
 */
import type { AuditAction, AuditEntry } from "../../shared/consultation/audit.ts";
import { isSpeakingMode, type SpeakingMode } from "../../shared/consultation/speaking-mode.ts";
import { type AccessMode, isAccessMode } from "../../shared/protocol/access-modes.ts";
import type { Language, Role } from "../../shared/protocol/roles.ts";
import type { Door } from "../../shared/protocol/room-messages.ts";
import type { BallotSeal } from "./ballot-seal.ts";
import {
  type ConsultationRecord,
  type ConsultationStore,
  type DeviceShutOut,
  DuplicateJoinCodeError,
  type NewAuditEntry,
  type NewConsultation,
  type ParticipantRecord,
  type ParticipantStatus,
} from "./consultation-store.ts";
import { SqlInvitationRecords } from "./sql-invitation-records.ts";
import type { SqlRow, SqlRunner, SqlValue } from "./sql-method-records.ts";
import { languagesOf, text } from "./sql-method-records.ts";
import { eraseParticipantData, readPersonalData, type StoredPersonalData } from "./sql-personal-data.ts";
import { sqlSignInRecords } from "./sql-sign-in-records.ts";

function toConsultation(row: SqlRow | undefined): ConsultationRecord | undefined {
  if (!row) return undefined;
  const mode = String(row.speaking_mode);
  const access = String(row.access);
  return {
    id: String(row.id),
    title: String(row.title),
    language: String(row.language) as Language,
    joinCode: String(row.join_code),
    createdAt: Number(row.created_at),
    codeOfConduct: String(row.code_of_conduct ?? ""),
    locked: Number(row.locked) === 1,
    speakingMode: isSpeakingMode(mode) ? (mode as SpeakingMode) : "town_hall",
    access: isAccessMode(access) ? access : "open",
    leadParticipantId: text(row.lead_participant_id),
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
    enteredAt: row.entered_at === null || row.entered_at === undefined ? undefined : Number(row.entered_at),
    door: (text(row.door) ?? "join_code") as Door,
    interpreterLanguages: languagesOf(row.interpreter_languages),
  };
}

function toAuditEntry(row: SqlRow): AuditEntry {
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
}

export abstract class SqlConsultationStore extends SqlInvitationRecords implements ConsultationStore {
  readonly #signIns = sqlSignInRecords(() => this.runner());
  readonly addPendingSignIn = this.#signIns.addPendingSignIn;
  readonly takePendingSignIn = this.#signIns.takePendingSignIn;
  readonly addSignInTicket = this.#signIns.addSignInTicket;
  readonly takeSignInTicket = this.#signIns.takeSignInTicket;
  readonly findVerifiedParticipant = this.#signIns.findVerifiedParticipant;
  readonly bindVerifiedIdentity = this.#signIns.bindVerifiedIdentity;

  /** Whether `error`, thrown by inserting a consultation, is the join code's unique constraint. */
  protected abstract isDuplicateJoinCode(error: unknown): boolean;

  /** `isDuplicateJoinCode`, for a transaction's store over this one's driver. */
  duplicateJoinCode(error: unknown): boolean {
    return this.isDuplicateJoinCode(error);
  }

  abstract close(): Promise<void>;
  abstract scrub(): Promise<void>;

  /** The ballot seal, for a transaction's store over this one. */
  seal(): BallotSeal {
    return this.ballotSeal();
  }

  transaction<T>(work: (tx: ConsultationStore) => Promise<T>): Promise<T> {
    return this.runner().transaction((runner) => work(new TransactionStore(runner, this)));
  }

  async ping(): Promise<void> {
    await this.runner().all("SELECT 1 AS up");
  }

  async #one(sql: string, params: readonly SqlValue[]): Promise<SqlRow | undefined> {
    return (await this.runner().all(sql, params))[0];
  }

  async createConsultation(input: NewConsultation): Promise<ConsultationRecord> {
    try {
      await this.runner().run(
        "INSERT INTO consultations (id, title, language, join_code, facilitator_key_hash, created_at, code_of_conduct, access) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
          input.id,
          input.title,
          input.language,
          input.joinCode,
          input.facilitatorKeyHash,
          input.createdAt,
          input.codeOfConduct,
          input.access ?? "open",
        ],
      );
    } catch (error) {
      if (this.isDuplicateJoinCode(error)) throw new DuplicateJoinCodeError(input.joinCode);
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
      access: input.access ?? "open",
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

  async setFacilitatorKeyHash(consultationId: string, hash: string): Promise<void> {
    await this.runner().run("UPDATE consultations SET facilitator_key_hash = ? WHERE id = ?", [
      hash,
      consultationId,
    ]);
  }

  async claimFacilitatorDoor(hash: string, participantId: string): Promise<ConsultationRecord | undefined> {
    // An UPDATE, not a SELECT: it takes the row's lock in PostgreSQL (SQLite's transaction has the whole
    // file), and a key replaced meanwhile no longer matches once the lock is granted.
    return toConsultation(
      await this.#one(
        `UPDATE consultations SET lead_participant_id = COALESCE(lead_participant_id, ?)
         WHERE facilitator_key_hash = ? RETURNING *`,
        [participantId, hash],
      ),
    );
  }

  async endFacilitatorLinkSessions(consultationId: string, keepId: string): Promise<string[]> {
    const rows = await this.runner().all(
      `UPDATE participants SET status = 'link_replaced'
       WHERE consultation_id = ? AND door = 'facilitator_link' AND status = 'active' AND id <> ? RETURNING id`,
      [consultationId, keepId],
    );
    return rows.map((row) => String(row.id));
  }

  async listParticipants(consultationId: string): Promise<ParticipantRecord[]> {
    const rows = await this.runner().all(
      "SELECT * FROM participants WHERE consultation_id = ? ORDER BY created_at, id",
      [consultationId],
    );
    return rows.flatMap((row) => toParticipant(row) ?? []);
  }

  async addParticipant(p: ParticipantRecord): Promise<void> {
    await this.runner().run(
      `INSERT INTO participants (id, consultation_id, display_name, color, role, created_at, device_key_hash, status, door)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        p.id,
        p.consultationId,
        p.displayName,
        p.color,
        p.role,
        p.createdAt,
        p.deviceKeyHash ?? null,
        p.status ?? "active",
        p.door ?? "join_code",
      ],
    );
  }

  async findParticipant(id: string): Promise<ParticipantRecord | undefined> {
    return toParticipant(await this.#one("SELECT * FROM participants WHERE id = ?", [id]));
  }

  async setParticipantRole(
    id: string,
    role: Role,
    interpreterLanguages: readonly Language[] = [],
  ): Promise<void> {
    const languages =
      role === "interpreter" && interpreterLanguages.length > 0 ? interpreterLanguages : undefined;
    await this.runner().run("UPDATE participants SET role = ?, interpreter_languages = ? WHERE id = ?", [
      role,
      languages?.join(" ") ?? null,
      id,
    ]);
  }

  async setParticipantStatus(id: string, status: ParticipantStatus): Promise<void> {
    await this.runner().run("UPDATE participants SET status = ? WHERE id = ?", [status, id]);
  }

  async markEntered(id: string, at: number): Promise<void> {
    await this.runner().run("UPDATE participants SET entered_at = ? WHERE id = ? AND entered_at IS NULL", [
      at,
      id,
    ]);
  }

  async setLocked(consultationId: string, locked: boolean): Promise<void> {
    await this.runner().run("UPDATE consultations SET locked = ? WHERE id = ?", [
      locked ? 1 : 0,
      consultationId,
    ]);
  }

  async setSpeakingMode(consultationId: string, mode: SpeakingMode): Promise<void> {
    await this.runner().run("UPDATE consultations SET speaking_mode = ? WHERE id = ?", [
      mode,
      consultationId,
    ]);
  }

  async setAccess(consultationId: string, access: AccessMode): Promise<void> {
    await this.runner().run("UPDATE consultations SET access = ? WHERE id = ?", [access, consultationId]);
  }

  async addBan(
    consultationId: string,
    deviceKeyHash: string,
    participantId: string,
    at: number,
  ): Promise<void> {
    await this.runner().run(
      `INSERT INTO bans (consultation_id, device_key_hash, participant_id, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (consultation_id, device_key_hash) DO NOTHING`,
      [consultationId, deviceKeyHash, participantId, at],
    );
  }

  async deviceShutOut(consultationId: string, deviceKeyHash: string): Promise<DeviceShutOut | undefined> {
    const row = await this.#one(
      `SELECT participants.status AS status FROM bans JOIN participants ON participants.id = bans.participant_id
       WHERE bans.consultation_id = ? AND bans.device_key_hash = ?`,
      [consultationId, deviceKeyHash],
    );
    if (!row) return undefined;
    return row.status === "removed" ? "removed" : "banned";
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
    const rows = await this.runner().all(
      `SELECT audit_log.*, actor.display_name AS actor_name, target.display_name AS target_name
       FROM audit_log
       LEFT JOIN participants AS actor ON actor.id = audit_log.actor_id
       LEFT JOIN participants AS target ON target.id = audit_log.target_id
       WHERE audit_log.consultation_id = ? ORDER BY audit_log.id`,
      [consultationId],
    );
    return rows.map(toAuditEntry);
  }

  personalData(consultationId: string, participantId: string): Promise<StoredPersonalData | undefined> {
    const seal = this.ballotSeal();
    return this.runner().transaction((tx) =>
      readPersonalData(tx, consultationId, participantId, (pollId, voterId, sealed) =>
        seal.open(pollId, voterId, sealed),
      ),
    );
  }

  eraseParticipant(consultationId: string, participantId: string, pseudonym: string): Promise<void> {
    return this.runner().transaction((tx) =>
      eraseParticipantData(tx, consultationId, participantId, pseudonym),
    );
  }
}

/** The same store over one transaction's runner: what `transaction` hands to its work. */
class TransactionStore extends SqlConsultationStore {
  readonly #runner: SqlRunner;
  readonly #outer: SqlConsultationStore;

  constructor(runner: SqlRunner, outer: SqlConsultationStore) {
    super();
    this.#runner = runner;
    this.#outer = outer;
  }

  protected runner(): SqlRunner {
    return this.#runner;
  }

  protected isDuplicateJoinCode(error: unknown): boolean {
    return this.#outer.duplicateJoinCode(error);
  }

  protected ballotSeal(): BallotSeal {
    return this.#outer.seal();
  }

  async scrub(): Promise<void> {
    throw new Error("A store is scrubbed outside its transactions.");
  }

  async close(): Promise<void> {
    throw new Error("A transaction's store is closed with the store it came from.");
  }
}

/**
 * What Plenum keeps between restarts. One interface, so that the embedded SQLite default and a
 * PostgreSQL store for larger deployments are interchangeable; the methods are async for that reason.
 */
import type { AuditAction, AuditEntry } from "../../shared/consultation/audit.ts";
import type { SpeakingMode } from "../../shared/consultation/speaking-mode.ts";
import type { AccessMode } from "../../shared/protocol/access-modes.ts";
import type { Language, Role } from "../../shared/protocol/roles.ts";
import type { Door } from "../../shared/protocol/room-messages.ts";
import type { InvitationRecords } from "./invitation-records.ts";
import type { MethodRecords } from "./method-records.ts";
import type { SignInRecords } from "./sign-in-records.ts";
import type { StoredPersonalData } from "./sql-personal-data.ts";

export interface ConsultationRecord {
  readonly id: string;
  readonly title: string;
  readonly language: Language;
  readonly joinCode: string;
  readonly createdAt: number;
  /** Shown at the door; empty for consultations created before there was one (the default applies). */
  readonly codeOfConduct: string;
  /** A locked consultation admits nobody new; facilitators still get in. */
  readonly locked: boolean;
  readonly speakingMode: SpeakingMode;
  /** Who may take part; `open` for consultations made before there was a choice. */
  readonly access: AccessMode;
  /** The first participant who entered through the facilitator link; undefined until someone did. */
  readonly leadParticipantId?: string | undefined;
}

/**
 * `removed`, `banned`, `erased`, `link_replaced` (entered through a facilitator link the lead replaced
 * since) and `revoked` (entered with an invitation revoked since) sessions are over: their tokens open
 * nothing any more. An `erased` participant asked to be forgotten ("Erase me"): their row stays,
 * without name, colour or device key.
 */
export type ParticipantStatus = "active" | "removed" | "banned" | "erased" | "link_replaced" | "revoked";
/** Why a browser is kept out at the door: its session was removed or banned. */
export type DeviceShutOut = Extract<ParticipantStatus, "removed" | "banned">;

export interface ParticipantRecord {
  readonly id: string;
  readonly consultationId: string;
  readonly displayName: string;
  readonly color: string;
  /** The current role: a promotion in the room changes it here, so that a reconnect keeps it. */
  readonly role: Role;
  readonly createdAt: number;
  /** SHA-256 of the browser's device key, when it sent one. */
  readonly deviceKeyHash?: string | undefined;
  readonly status?: ParticipantStatus;
  /** When this participant first entered the room (a locked room still lets them back in). */
  readonly enteredAt?: number | undefined;
  /** The door they came in through; `join_code` when left out. */
  readonly door?: Door;
  /** An interpreter's pair of languages, kept with the role so that a restart keeps both. */
  readonly interpreterLanguages?: readonly Language[];
}

export interface NewAuditEntry {
  readonly consultationId: string;
  readonly at: number;
  readonly actorId: string | undefined;
  readonly action: AuditAction;
  readonly targetId: string | undefined;
  readonly reason: string | undefined;
  readonly detail: AuditEntry["detail"];
}

export interface NewConsultation {
  readonly id: string;
  readonly title: string;
  readonly language: Language;
  readonly joinCode: string;
  readonly facilitatorKeyHash: string;
  readonly createdAt: number;
  readonly codeOfConduct: string;
  /** `open` when left out. */
  readonly access?: AccessMode;
}

export class DuplicateJoinCodeError extends Error {}

export interface ConsultationStore extends MethodRecords, InvitationRecords, SignInRecords {
  /**
   * Runs `work` against a store whose every write is part of one transaction: all of them last when
   * `work` resolves, none when it throws. Nothing else runs on the transaction's connection meanwhile,
   * and a store call inside `work` must go through `tx` (the outer store would wait for it to end).
   */
  transaction<T>(work: (tx: ConsultationStore) => Promise<T>): Promise<T>;
  /** Throws DuplicateJoinCodeError when the join code is already taken. */
  createConsultation(input: NewConsultation): Promise<ConsultationRecord>;
  findConsultation(id: string): Promise<ConsultationRecord | undefined>;
  findByJoinCode(joinCode: string): Promise<ConsultationRecord | undefined>;
  findByFacilitatorKeyHash(hash: string): Promise<ConsultationRecord | undefined>;
  /** Replaces the facilitator key: the old one no longer finds the consultation. */
  setFacilitatorKeyHash(consultationId: string, hash: string): Promise<void>;
  /**
   * Someone comes in through the facilitator link whose key hashes to `hash`: the consultation it opens,
   * made led by `participantId` unless it already has a lead; undefined when no consultation has that
   * key. Inside a transaction, it holds the consultation's row until the transaction ends, so that a
   * replacement of the key cannot slip between this check and the participant's insertion.
   */
  claimFacilitatorDoor(hash: string, participantId: string): Promise<ConsultationRecord | undefined>;
  /**
   * Ends every active session that came in through the facilitator link, except `keepId`'s (the lead's):
   * their status becomes `link_replaced`. Returns their ids.
   */
  endFacilitatorLinkSessions(consultationId: string, keepId: string): Promise<string[]>;
  addParticipant(participant: ParticipantRecord): Promise<void>;
  findParticipant(id: string): Promise<ParticipantRecord | undefined>;
  /** Everyone admitted to the consultation, in the order they came. */
  listParticipants(consultationId: string): Promise<ParticipantRecord[]>;
  /** Sets the role; `interpreterLanguages` goes with the interpreter role and is cleared with any other. */
  setParticipantRole(id: string, role: Role, interpreterLanguages?: readonly Language[]): Promise<void>;
  setParticipantStatus(id: string, status: ParticipantStatus): Promise<void>;
  /** Records the first time a participant entered the room; later calls keep the first time. */
  markEntered(id: string, at: number): Promise<void>;
  setLocked(consultationId: string, locked: boolean): Promise<void>;
  setSpeakingMode(consultationId: string, mode: SpeakingMode): Promise<void>;
  setAccess(consultationId: string, access: AccessMode): Promise<void>;
  addBan(consultationId: string, deviceKeyHash: string, participantId: string, at: number): Promise<void>;
  /**
   * Whether a removal or a ban shut this browser out of the consultation, and which: the status of the
   * session it was bound to (a removal followed by a ban reads as the ban).
   */
  deviceShutOut(consultationId: string, deviceKeyHash: string): Promise<DeviceShutOut | undefined>;
  /** Appends to the moderation audit log and returns the entry's id. */
  appendAudit(entry: NewAuditEntry): Promise<number>;
  /** The consultation's audit log, oldest first, with the names of those involved. */
  listAudit(consultationId: string): Promise<AuditEntry[]>;
  /** Resolves once the store answers a trivial query (the health check); throws while it cannot. */
  ping(): Promise<void>;
  /**
   * Makes deleted rows unreadable on disk (docs/privacy.md, "Retention"): SQLite checkpoints and empties
   * its log (deleted content is zeroed as it goes, `secure_delete`); PostgreSQL rewrites the tables.
   * Outside any transaction.
   */
  scrub(): Promise<void>;
  /** What the consultation holds about one participant ("Download my data"). */
  personalData(consultationId: string, participantId: string): Promise<StoredPersonalData | undefined>;
  /**
   * Forgets one participant ("Erase me"): pseudonym, colour, device key, authorship of ideas and chat
   * lines, the voter of named ballots, and mentions of `pseudonym` in the consultation's texts.
   */
  eraseParticipant(consultationId: string, participantId: string, pseudonym: string): Promise<void>;
  close(): Promise<void>;
}

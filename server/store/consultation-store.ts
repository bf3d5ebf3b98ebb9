/**
 * What Plenum keeps between restarts. One interface, so that the embedded SQLite default and a
 * PostgreSQL store for larger deployments are interchangeable; the methods are async for that reason.
 */
import type { Language, Role } from "../../shared/protocol/roles.ts";

export interface ConsultationRecord {
  readonly id: string;
  readonly title: string;
  readonly language: Language;
  readonly joinCode: string;
  readonly createdAt: number;
}

export interface ParticipantRecord {
  readonly id: string;
  readonly consultationId: string;
  readonly displayName: string;
  readonly color: string;
  readonly role: Role;
  readonly createdAt: number;
}

export interface NewConsultation {
  readonly id: string;
  readonly title: string;
  readonly language: Language;
  readonly joinCode: string;
  readonly facilitatorKeyHash: string;
  readonly createdAt: number;
}

export class DuplicateJoinCodeError extends Error {}

export interface ConsultationStore {
  /** Throws DuplicateJoinCodeError when the join code is already taken. */
  createConsultation(input: NewConsultation): Promise<ConsultationRecord>;
  findConsultation(id: string): Promise<ConsultationRecord | undefined>;
  findByJoinCode(joinCode: string): Promise<ConsultationRecord | undefined>;
  findByFacilitatorKeyHash(hash: string): Promise<ConsultationRecord | undefined>;
  addParticipant(participant: ParticipantRecord): Promise<void>;
  findParticipant(id: string): Promise<ParticipantRecord | undefined>;
  close(): Promise<void>;
}

/**
 * What Plenum keeps of personal invitations: an id, an optional label, when it was made and revoked,
 * the participant it made, and a SHA-256 hash of its code, never the code. Part of the one store
 * interface (`ConsultationStore` extends it); `SqlInvitationRecords` implements it for both stores.
 */

export interface NewInvitation {
  readonly id: string;
  readonly consultationId: string;
  /** SHA-256 of the normalised code (server/auth/secrets.ts). */
  readonly codeHash: string;
  readonly label: string | undefined;
  readonly createdAt: number;
  /** Keeps the order they were made in, within a batch made in the same millisecond too. */
  readonly position: number;
}

export interface InvitationRecord {
  readonly id: string;
  readonly consultationId: string;
  readonly label: string | undefined;
  readonly revoked: boolean;
  /** The participant the first entry with it made; undefined while unused. */
  readonly participantId: string | undefined;
  /** That participant's status (`active`, `removed`, `banned`, `revoked`...). */
  readonly holderStatus: string | undefined;
  /** Whether that participant ever entered the hall (a locked room still lets them back in). */
  readonly holderEntered: boolean;
}

/** Per consultation, for the outcome report. */
export interface AccessCounts {
  readonly invited: number;
  /** Invitations someone entered the hall with. */
  readonly entered: number;
  /** People who cast at least one ballot, however they came in. */
  readonly voted: number;
}

export interface InvitationRecords {
  addInvitations(invitations: readonly NewInvitation[]): Promise<void>;
  countInvitations(consultationId: string): Promise<number>;
  /** Every invitation of the consultation, in the order they were made. */
  listInvitations(consultationId: string): Promise<InvitationRecord[]>;
  findInvitation(codeHash: string): Promise<InvitationRecord | undefined>;
  /**
   * Someone enters with the invitation whose code hashes to `codeHash`: it is bound to `participantId`
   * unless it already is to someone. Undefined when no invitation that is not revoked has that code.
   * Inside a transaction it holds the invitation's row, so that two entries at once make one person.
   */
  claimInvitation(codeHash: string, participantId: string): Promise<InvitationRecord | undefined>;
  /** Revokes it for good; the invitation as it was, or undefined when the consultation has no such one. */
  revokeInvitation(consultationId: string, id: string, at: number): Promise<InvitationRecord | undefined>;
  /** The invitation that made this participant, if one did. */
  invitationOf(participantId: string): Promise<InvitationRecord | undefined>;
  accessCounts(consultationId: string): Promise<AccessCounts>;
}

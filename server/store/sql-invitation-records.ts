/** `InvitationRecords` in plain SQL that SQLite and PostgreSQL both accept. */
import type {
  AccessCounts,
  InvitationRecord,
  InvitationRecords,
  NewInvitation,
} from "./invitation-records.ts";
import { SqlMethodRecords, type SqlRow, text } from "./sql-method-records.ts";

const INVITATION_COLUMNS = `invitations.id, invitations.consultation_id, invitations.label,
  invitations.revoked_at, invitations.participant_id,
  participants.status AS holder_status, participants.entered_at AS holder_entered_at
  FROM invitations LEFT JOIN participants ON participants.id = invitations.participant_id`;

/** Rows per INSERT: a batch of 5,000 goes in a few statements, well under both engines' parameter limits. */
const INSERT_CHUNK = 500;

function invitationOf(row: SqlRow | undefined): InvitationRecord | undefined {
  if (!row) return undefined;
  return {
    id: String(row.id),
    consultationId: String(row.consultation_id),
    label: text(row.label),
    revoked: row.revoked_at !== null && row.revoked_at !== undefined,
    participantId: text(row.participant_id),
    holderStatus: text(row.holder_status),
    holderEntered: row.holder_entered_at !== null && row.holder_entered_at !== undefined,
  };
}

export abstract class SqlInvitationRecords extends SqlMethodRecords implements InvitationRecords {
  async addInvitations(invitations: readonly NewInvitation[]): Promise<void> {
    for (let start = 0; start < invitations.length; start += INSERT_CHUNK) {
      const chunk = invitations.slice(start, start + INSERT_CHUNK);
      await this.runner().run(
        `INSERT INTO invitations (id, consultation_id, code_hash, label, created_at, position) VALUES ${chunk
          .map(() => "(?, ?, ?, ?, ?, ?)")
          .join(", ")}`,
        chunk.flatMap((i) => [i.id, i.consultationId, i.codeHash, i.label ?? null, i.createdAt, i.position]),
      );
    }
  }

  async countInvitations(consultationId: string): Promise<number> {
    const rows = await this.runner().all("SELECT COUNT(*) AS n FROM invitations WHERE consultation_id = ?", [
      consultationId,
    ]);
    return Number(rows[0]?.n ?? 0);
  }

  async listInvitations(consultationId: string): Promise<InvitationRecord[]> {
    const rows = await this.runner().all(
      `SELECT ${INVITATION_COLUMNS} WHERE invitations.consultation_id = ?
       ORDER BY invitations.created_at, invitations.position`,
      [consultationId],
    );
    return rows.flatMap((row) => invitationOf(row) ?? []);
  }

  async findInvitation(codeHash: string): Promise<InvitationRecord | undefined> {
    const rows = await this.runner().all(`SELECT ${INVITATION_COLUMNS} WHERE invitations.code_hash = ?`, [
      codeHash,
    ]);
    return invitationOf(rows[0]);
  }

  async claimInvitation(codeHash: string, participantId: string): Promise<InvitationRecord | undefined> {
    // An UPDATE, not a SELECT: it takes the row's lock in PostgreSQL (SQLite's transaction has the whole
    // file), so a second entry waits for the first and then finds the participant it made.
    const claimed = await this.runner().all(
      `UPDATE invitations SET participant_id = COALESCE(participant_id, ?)
       WHERE code_hash = ? AND revoked_at IS NULL RETURNING id`,
      [participantId, codeHash],
    );
    return claimed.length === 0 ? undefined : this.findInvitation(codeHash);
  }

  async revokeInvitation(
    consultationId: string,
    id: string,
    at: number,
  ): Promise<InvitationRecord | undefined> {
    const rows = await this.runner().all(
      `SELECT ${INVITATION_COLUMNS} WHERE invitations.consultation_id = ? AND invitations.id = ?`,
      [consultationId, id],
    );
    const found = invitationOf(rows[0]);
    if (found && !found.revoked)
      await this.runner().run("UPDATE invitations SET revoked_at = ? WHERE id = ?", [at, id]);
    return found;
  }

  async invitationOf(participantId: string): Promise<InvitationRecord | undefined> {
    const rows = await this.runner().all(
      `SELECT ${INVITATION_COLUMNS} WHERE invitations.participant_id = ?`,
      [participantId],
    );
    return invitationOf(rows[0]);
  }

  async accessCounts(consultationId: string): Promise<AccessCounts> {
    const invitations = await this.runner().all(
      `SELECT COUNT(*) AS invited, COUNT(participants.entered_at) AS entered
       FROM invitations LEFT JOIN participants ON participants.id = invitations.participant_id
       WHERE invitations.consultation_id = ?`,
      [consultationId],
    );
    // Voters of closed polls are marked on their participant; those of open polls still have their rows.
    const voters = await this.runner().all(
      `SELECT COUNT(*) AS voted FROM participants WHERE consultation_id = ? AND (voted = 1 OR id IN (
         SELECT poll_voters.participant_id FROM poll_voters JOIN polls ON polls.id = poll_voters.poll_id
         WHERE polls.consultation_id = ?))`,
      [consultationId, consultationId],
    );
    return {
      invited: Number(invitations[0]?.invited ?? 0),
      entered: Number(invitations[0]?.entered ?? 0),
      voted: Number(voters[0]?.voted ?? 0),
    };
  }
}

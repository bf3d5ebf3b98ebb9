/** `SignInRecords` in SQL shared by SQLite and PostgreSQL, over the store's current runner. */
import type { PendingSignIn, SignInRecords, SignInTicket } from "./sign-in-records.ts";
import type { SqlRunner } from "./sql-method-records.ts";

export function sqlSignInRecords(runner: () => SqlRunner): SignInRecords {
  const records: SignInRecords = {
    async addPendingSignIn(signIn: PendingSignIn, expiredBefore: number) {
      await runner().run("DELETE FROM oidc_sign_ins WHERE created_at < ?", [expiredBefore]);
      await runner().run(
        `INSERT INTO oidc_sign_ins (state_hash, browser_hash, consultation_id, nonce, code_verifier, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [
          signIn.stateHash,
          signIn.browserHash,
          signIn.consultationId,
          signIn.nonce,
          signIn.codeVerifier,
          signIn.createdAt,
        ],
      );
    },
    async takePendingSignIn(stateHash: string) {
      const [row] = await runner().all("DELETE FROM oidc_sign_ins WHERE state_hash = ? RETURNING *", [
        stateHash,
      ]);
      if (!row) return undefined;
      return {
        stateHash: String(row.state_hash),
        browserHash: String(row.browser_hash),
        consultationId: String(row.consultation_id),
        nonce: String(row.nonce),
        codeVerifier: String(row.code_verifier),
        createdAt: Number(row.created_at),
      };
    },
    async addSignInTicket(ticket: SignInTicket, expiredBefore: number) {
      await runner().run("DELETE FROM oidc_tickets WHERE created_at < ?", [expiredBefore]);
      await runner().run(
        "INSERT INTO oidc_tickets (ticket_hash, consultation_id, identity_hash, created_at) VALUES (?, ?, ?, ?)",
        [ticket.ticketHash, ticket.consultationId, ticket.identityHash, ticket.createdAt],
      );
    },
    async takeSignInTicket(ticketHash: string) {
      const [row] = await runner().all("DELETE FROM oidc_tickets WHERE ticket_hash = ? RETURNING *", [
        ticketHash,
      ]);
      if (!row) return undefined;
      return {
        ticketHash: String(row.ticket_hash),
        consultationId: String(row.consultation_id),
        identityHash: String(row.identity_hash),
        createdAt: Number(row.created_at),
      };
    },
    async findVerifiedParticipant(consultationId: string, identityHash: string) {
      const [row] = await runner().all(
        "SELECT participant_id FROM verified_identities WHERE consultation_id = ? AND identity_hash = ?",
        [consultationId, identityHash],
      );
      return row ? String(row.participant_id) : undefined;
    },
    async bindVerifiedIdentity(consultationId: string, identityHash: string, participantId: string) {
      await runner().run(
        `INSERT INTO verified_identities (consultation_id, identity_hash, participant_id) VALUES (?, ?, ?)
         ON CONFLICT (consultation_id, identity_hash) DO NOTHING`,
        [consultationId, identityHash, participantId],
      );
      return (await records.findVerifiedParticipant(consultationId, identityHash)) ?? participantId;
    },
  };
  return records;
}

/**
 * What verified consultations keep: sign-ins under way, the one-use tickets finished ones leave for
 * the join page, and which participant each verified identity became. Part of the one store interface
 * (`ConsultationStore` extends it). Secrets that come back in a browser are kept only as hashes.
 */

export interface PendingSignIn {
  /** SHA-256 of the `state` sent to the provider, which its callback brings back. */
  readonly stateHash: string;
  /** SHA-256 of the browser cookie the sign-in was started with: the callback must come to that browser. */
  readonly browserHash: string;
  readonly consultationId: string;
  readonly nonce: string;
  /** PKCE: only this server knows it, so a code caught on the way is useless to anyone else. */
  readonly codeVerifier: string;
  readonly createdAt: number;
}

export interface SignInTicket {
  readonly ticketHash: string;
  readonly consultationId: string;
  /** The identity's keyed hash (server/auth/verified-identity.ts), never the provider's subject. */
  readonly identityHash: string;
  readonly createdAt: number;
}

export interface SignInRecords {
  /** Keeps a sign-in under way until its callback; forgets every one started before `expiredBefore`. */
  addPendingSignIn(signIn: PendingSignIn, expiredBefore: number): Promise<void>;
  /** The sign-in with this state, removed at once: a callback is answered once. */
  takePendingSignIn(stateHash: string): Promise<PendingSignIn | undefined>;
  /** Keeps a finished sign-in's ticket; forgets every ticket made before `expiredBefore`. */
  addSignInTicket(ticket: SignInTicket, expiredBefore: number): Promise<void>;
  /** The ticket with this hash, removed at once: a ticket admits once. */
  takeSignInTicket(ticketHash: string): Promise<SignInTicket | undefined>;
  /** The participant this identity already is in the consultation, if any. */
  findVerifiedParticipant(consultationId: string, identityHash: string): Promise<string | undefined>;
  /**
   * Makes `participantId` this identity's participant unless it already has one; returns whichever
   * participant the identity is bound to afterwards.
   */
  bindVerifiedIdentity(consultationId: string, identityHash: string, participantId: string): Promise<string>;
}

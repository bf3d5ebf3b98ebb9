/**
 * The tables both stores create, written once. SQLite and PostgreSQL differ only in how they spell a
 * few column types (`SqlTypes`) and in their history: the SQLite file grew its first two tables column
 * by column, PostgreSQL came later and creates them whole. So those two tables are lists of columns,
 * grouped by the feature that added them, and each store assembles its own migrations from the parts.
 */

import type { BallotSeal } from "./ballot-seal.ts";
import type { SqlRunner } from "./sql-method-records.ts";

/** A step of a store's migrations: statements, or code for what SQL alone cannot do (sealing ballots). */
export type Migration = string | ((sql: SqlRunner, seal: BallotSeal) => Promise<void>);

/** How an engine spells the column types on which SQLite and PostgreSQL differ. */
export interface SqlTypes {
  /** Times in milliseconds and durations, which outgrow 32 bits. */
  readonly bigint: string;
  /** A key the database counts up itself, so that rows keep the order they were written in. */
  readonly serialKey: string;
  readonly bytes: string;
  /**
   * Ends the definition of the two ballot tables. SQLite otherwise numbers their rows in insertion
   * order, which would pair each voter with a ballot; without a rowid they are ordered by key.
   */
  readonly withoutRowid: string;
}

/** The columns of `consultations`, by the feature that added them. */
function consultationColumns(t: SqlTypes) {
  return {
    base: [
      "id TEXT PRIMARY KEY",
      "title TEXT NOT NULL",
      "language TEXT NOT NULL",
      "join_code TEXT NOT NULL UNIQUE",
      "facilitator_key_hash TEXT NOT NULL UNIQUE",
      `created_at ${t.bigint} NOT NULL`,
    ],
    moderation: ["locked INTEGER NOT NULL DEFAULT 0", "speaking_mode TEXT NOT NULL DEFAULT 'town_hall'"],
    // Consultations made before the code of conduct get the empty text, which the front desk replaces
    // with the default of their language.
    codeOfConduct: ["code_of_conduct TEXT NOT NULL DEFAULT ''"],
    // Consultations made before there was a choice were open to anyone with the join code.
    access: ["access TEXT NOT NULL DEFAULT 'open'"],
  };
}

/** The columns of `participants`, by the feature that added them. */
function participantColumns(t: SqlTypes) {
  return {
    base: [
      "id TEXT PRIMARY KEY",
      "consultation_id TEXT NOT NULL REFERENCES consultations(id)",
      "display_name TEXT NOT NULL",
      "color TEXT NOT NULL",
      "role TEXT NOT NULL",
      `created_at ${t.bigint} NOT NULL`,
    ],
    moderation: ["device_key_hash TEXT", "status TEXT NOT NULL DEFAULT 'active'", `entered_at ${t.bigint}`],
  };
}

/** Joins statements into one migration. */
export function statements(...parts: readonly string[]): string {
  return parts.join("\n   ");
}

export function createTable(name: string, columns: readonly string[]): string {
  return `CREATE TABLE ${name} (\n     ${columns.join(",\n     ")}\n   );`;
}

/** Adds columns to a table made by an earlier migration, one `ALTER TABLE` each. */
export function addColumns(table: string, columns: readonly string[]): string {
  return statements(...columns.map((column) => `ALTER TABLE ${table} ADD COLUMN ${column};`));
}

/** Browsers shut out by a removal or a ban, by device key hash, and the audit log. */
function moderationTables(t: SqlTypes): string {
  return `CREATE TABLE bans (
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     device_key_hash TEXT NOT NULL,
     participant_id TEXT NOT NULL REFERENCES participants(id),
     created_at ${t.bigint} NOT NULL,
     PRIMARY KEY (consultation_id, device_key_hash)
   );
   CREATE TABLE audit_log (
     id ${t.serialKey},
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     at ${t.bigint} NOT NULL,
     actor_id TEXT REFERENCES participants(id),
     action TEXT NOT NULL,
     target_id TEXT REFERENCES participants(id),
     reason TEXT,
     detail TEXT
   );
   CREATE INDEX audit_by_consultation ON audit_log(consultation_id, id);`;
}

/**
 * The consultation methods (server/store/sql-method-records.ts). Ballots have random ids and no time,
 * kept apart from the list of who voted; the ballot key is an HMAC, never a participant id.
 */
function methodTables(t: SqlTypes): string {
  return `CREATE TABLE consultation_documents (
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     kind TEXT NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (consultation_id, kind)
   );
   CREATE TABLE polls (
     id TEXT PRIMARY KEY,
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     created_at ${t.bigint} NOT NULL,
     body TEXT NOT NULL
   );
   CREATE TABLE poll_voters (
     poll_id TEXT NOT NULL REFERENCES polls(id),
     participant_id TEXT NOT NULL,
     PRIMARY KEY (poll_id, participant_id)
   )${t.withoutRowid};
   CREATE TABLE ballots (
     id TEXT NOT NULL,
     poll_id TEXT NOT NULL REFERENCES polls(id),
     ballot_key TEXT,
     voter_id TEXT,
     choices TEXT NOT NULL,
     PRIMARY KEY (poll_id, id)
   )${t.withoutRowid};
   CREATE UNIQUE INDEX ballots_by_key ON ballots(poll_id, ballot_key);
   CREATE TABLE ideas (
     id TEXT PRIMARY KEY,
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     author_id TEXT,
     text TEXT NOT NULL,
     created_at ${t.bigint} NOT NULL,
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
     created_at ${t.bigint} NOT NULL
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
     ms ${t.bigint} NOT NULL
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
     bytes ${t.bytes} NOT NULL
   );
   CREATE TABLE reports (
     consultation_id TEXT PRIMARY KEY REFERENCES consultations(id),
     closed_at ${t.bigint} NOT NULL,
     body TEXT NOT NULL
   );`;
}

/**
 * Who holds facilitator rights and how: the lead (the first to enter through the facilitator link) on
 * the consultation, and on each participant the door they came in through. Rows from before are
 * filled in: facilitators came through the link, the earliest of them is the lead.
 */
function facilitationRights(): string {
  return statements(
    addColumns("consultations", ["lead_participant_id TEXT"]),
    addColumns("participants", ["door TEXT NOT NULL DEFAULT 'join_code'"]),
    "UPDATE participants SET door = 'facilitator_link' WHERE role = 'facilitator';",
    `UPDATE consultations SET lead_participant_id = (
       SELECT participants.id FROM participants
       WHERE participants.consultation_id = consultations.id AND participants.role = 'facilitator'
       ORDER BY participants.created_at, participants.id LIMIT 1
     );`,
  );
}

/** The room's text chat; `seq` keeps the sending order of messages within the same millisecond. */
function chatTable(t: SqlTypes): string {
  return `CREATE TABLE chat_messages (
     seq ${t.serialKey},
     id TEXT NOT NULL UNIQUE,
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     author_id TEXT,
     text TEXT NOT NULL,
     created_at ${t.bigint} NOT NULL,
     hidden INTEGER NOT NULL DEFAULT 0,
     hidden_reason TEXT
   );
   CREATE INDEX chat_by_consultation ON chat_messages(consultation_id, created_at);`;
}

/**
 * The sealed ballot box (server/store/ballot-seal.ts, docs/privacy.md): while a poll is open, a voter's
 * row holds their current choice, sealed; when it closes, the rows go and only the poll's tally stays.
 */
function ballotBoxTables(t: SqlTypes): string {
  return `ALTER TABLE poll_voters ADD COLUMN sealed_ballot ${t.bytes};
   CREATE TABLE poll_tallies (
     poll_id TEXT PRIMARY KEY REFERENCES polls(id),
     ballots INTEGER NOT NULL,
     counts TEXT NOT NULL
   );`;
}

/**
 * Personal invitations: a hash of the code, never the code (shown once, at creation), and the
 * participant its first entry made. `participant_id` has no foreign key: the invitation is claimed
 * before that participant's row is written, in the same transaction. Participants gain `voted`, set
 * when a poll they voted in closes and its voter rows go, so that the report can count who voted.
 */
function invitationTable(t: SqlTypes): string {
  return `ALTER TABLE participants ADD COLUMN voted INTEGER NOT NULL DEFAULT 0;
   CREATE TABLE invitations (
     id TEXT PRIMARY KEY,
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     code_hash TEXT NOT NULL UNIQUE,
     label TEXT,
     created_at ${t.bigint} NOT NULL,
     position INTEGER NOT NULL,
     revoked_at ${t.bigint},
     participant_id TEXT UNIQUE
   );
   CREATE INDEX invitations_by_consultation ON invitations(consultation_id, created_at, position);`;
}

/**
 * Verified consultations (server/consultations/verified-sign-in.ts). A sign-in under way is found by a
 * hash of its `state` and bound to a hash of its browser's cookie; a finished one leaves a one-use
 * ticket, by hash, for the join page. An identity is only a keyed hash of the provider's subject.
 */
function signInTables(t: SqlTypes): string {
  return `CREATE TABLE oidc_sign_ins (
     state_hash TEXT PRIMARY KEY,
     browser_hash TEXT NOT NULL,
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     nonce TEXT NOT NULL,
     code_verifier TEXT NOT NULL,
     created_at ${t.bigint} NOT NULL
   );
   CREATE TABLE oidc_tickets (
     ticket_hash TEXT PRIMARY KEY,
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     identity_hash TEXT NOT NULL,
     created_at ${t.bigint} NOT NULL
   );
   CREATE TABLE verified_identities (
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     identity_hash TEXT NOT NULL,
     participant_id TEXT NOT NULL REFERENCES participants(id),
     PRIMARY KEY (consultation_id, identity_hash)
   );`;
}

/**
 * Interpretation (shared/voice/interpretation-time.ts): each interpreter's pair on their participant
 * row, so that the role keeps its languages across a restart, and the stretches each language had a
 * live interpreter, by language only: the report's minutes name nobody.
 */
function interpretationTables(t: SqlTypes): string {
  return `ALTER TABLE participants ADD COLUMN interpreter_languages TEXT;
   CREATE TABLE interpretation_time (
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     language TEXT NOT NULL,
     ms ${t.bigint} NOT NULL
   );
   CREATE INDEX interpretation_by_consultation ON interpretation_time(consultation_id);`;
}

/** The parts of the schema, spelt for one engine. */
export function sqlSchema(t: SqlTypes) {
  return {
    consultations: consultationColumns(t),
    participants: participantColumns(t),
    participantsIndex: "CREATE INDEX participants_by_consultation ON participants(consultation_id);",
    moderationTables: moderationTables(t),
    methodTables: methodTables(t),
    chatTable: chatTable(t),
    ballotBoxTables: ballotBoxTables(t),
    facilitationRights: facilitationRights(),
    invitationTable: invitationTable(t),
    signInTables: signInTables(t),
    interpretationTables: interpretationTables(t),
  };
}

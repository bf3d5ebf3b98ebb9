/**
 * A person's own data in one consultation, in plain SQL that SQLite and PostgreSQL both accept: what
 * "Download my data" reads, and what "Erase me" forgets (shared/consultation/erasure.ts). Both run on
 * the runner of the command's transaction.
 */
import { mentionsOf, partsOf, redact, redactJson } from "../../shared/consultation/erasure.ts";
import type { Ballot, Poll } from "../../shared/consultation/polls.ts";
import type { SqlRow, SqlRunner, SqlValue } from "./sql-method-records.ts";
import { languagesOf, text } from "./sql-method-records.ts";

/** What the store holds about one participant of one consultation (times in milliseconds). */
export interface StoredPersonalData {
  readonly consultation: { id: string; title: string; language: string; createdAt: number };
  readonly participant: {
    id: string;
    displayName: string;
    color: string;
    role: string;
    interpreterLanguages: string[];
    createdAt: number;
    enteredAt: number | undefined;
    deviceKeyHashStored: boolean;
    door: string;
    invitationLabel: string | undefined;
    verifiedIdentityStored: boolean;
  };
  readonly attendance: { device: string; role: string } | undefined;
  readonly ideas: {
    id: string;
    text: string;
    createdAt: number;
    pinned: boolean;
    hidden: boolean;
    hiddenReason: string | undefined;
  }[];
  readonly upvotedIdeas: { id: string; text: string }[];
  readonly chatMessages: {
    id: string;
    text: string;
    createdAt: number;
    hidden: boolean;
    hiddenReason: string | undefined;
  }[];
  /** Ballots stored with their voter: polls that were not anonymous. */
  readonly namedBallots: { pollId: string; poll: unknown; choices: unknown }[];
  readonly budgetAllocation: unknown;
  readonly speakingTime: { role: string; ms: number }[];
  readonly audit: {
    at: number;
    action: string;
    acted: boolean;
    targeted: boolean;
    reason: string | undefined;
  }[];
}

const yes = (value: unknown) => Number(value) === 1;

/** Opens a sealed ballot of an open poll (server/store/ballot-seal.ts); undefined when it cannot. */
export type OpenSealedBallot = (pollId: string, voterId: string, sealed: Uint8Array) => Ballot | undefined;

export async function readPersonalData(
  sql: SqlRunner,
  consultationId: string,
  participantId: string,
  openSealed: OpenSealedBallot,
): Promise<StoredPersonalData | undefined> {
  const [consultation] = await sql.all("SELECT * FROM consultations WHERE id = ?", [consultationId]);
  const [participant] = await sql.all("SELECT * FROM participants WHERE id = ? AND consultation_id = ?", [
    participantId,
    consultationId,
  ]);
  if (!consultation || !participant) return undefined;
  const both = [consultationId, participantId];
  const [attendance] = await sql.all(
    "SELECT device, role FROM attendance WHERE consultation_id = ? AND participant_id = ?",
    both,
  );
  const [invitation] = await sql.all(
    "SELECT label FROM invitations WHERE consultation_id = ? AND participant_id = ?",
    both,
  );
  const [identity] = await sql.all(
    "SELECT 1 AS held FROM verified_identities WHERE consultation_id = ? AND participant_id = ?",
    both,
  );
  const ideas = await sql.all(
    "SELECT * FROM ideas WHERE consultation_id = ? AND author_id = ? ORDER BY created_at, id",
    both,
  );
  const upvoted = await sql.all(
    `SELECT ideas.id, ideas.text FROM idea_votes JOIN ideas ON ideas.id = idea_votes.idea_id
     WHERE ideas.consultation_id = ? AND idea_votes.participant_id = ? ORDER BY ideas.created_at, ideas.id`,
    both,
  );
  const chat = await sql.all(
    "SELECT * FROM chat_messages WHERE consultation_id = ? AND author_id = ? ORDER BY created_at, seq",
    both,
  );
  const ballots = await sql.all(
    `SELECT ballots.poll_id, ballots.choices, polls.body FROM ballots JOIN polls ON polls.id = ballots.poll_id
     WHERE polls.consultation_id = ? AND ballots.voter_id = ? ORDER BY polls.created_at, polls.id`,
    both,
  );
  // A named poll still open keeps its voters' ballots sealed in their voter rows; an anonymous poll's
  // ballot is not given out, even to its voter: a file that shows someone's vote could be demanded of them.
  const sealed = await sql.all(
    `SELECT poll_voters.poll_id, poll_voters.sealed_ballot, polls.body FROM poll_voters
     JOIN polls ON polls.id = poll_voters.poll_id
     WHERE polls.consultation_id = ? AND poll_voters.participant_id = ? ORDER BY polls.created_at, polls.id`,
    both,
  );
  const openNamed = sealed.flatMap((row) => {
    const poll = JSON.parse(String(row.body)) as Poll;
    const choices =
      poll.anonymous || !row.sealed_ballot
        ? undefined
        : openSealed(String(row.poll_id), participantId, row.sealed_ballot as Uint8Array);
    return choices ? [{ pollId: String(row.poll_id), poll, choices }] : [];
  });
  const [allocation] = await sql.all(
    "SELECT allocation FROM budget_allocations WHERE consultation_id = ? AND participant_id = ?",
    both,
  );
  const speaking = await sql.all(
    "SELECT role, SUM(ms) AS ms FROM speaking_time WHERE consultation_id = ? AND participant_id = ? GROUP BY role ORDER BY role",
    both,
  );
  const audit = await sql.all(
    `SELECT at, action, actor_id, target_id, reason FROM audit_log
     WHERE consultation_id = ? AND (actor_id = ? OR target_id = ?) ORDER BY id`,
    [consultationId, participantId, participantId],
  );
  return {
    consultation: {
      id: String(consultation.id),
      title: String(consultation.title),
      language: String(consultation.language),
      createdAt: Number(consultation.created_at),
    },
    participant: {
      id: String(participant.id),
      displayName: String(participant.display_name),
      color: String(participant.color),
      role: String(participant.role),
      interpreterLanguages: languagesOf(participant.interpreter_languages),
      createdAt: Number(participant.created_at),
      enteredAt: participant.entered_at === null ? undefined : Number(participant.entered_at),
      deviceKeyHashStored: participant.device_key_hash !== null,
      door: String(participant.door),
      invitationLabel: invitation ? text(invitation.label) : undefined,
      verifiedIdentityStored: identity !== undefined,
    },
    attendance: attendance ? { device: String(attendance.device), role: String(attendance.role) } : undefined,
    ideas: ideas.map((row) => ({
      id: String(row.id),
      text: String(row.text),
      createdAt: Number(row.created_at),
      pinned: yes(row.pinned),
      hidden: yes(row.hidden),
      hiddenReason: text(row.hidden_reason),
    })),
    upvotedIdeas: upvoted.map((row) => ({ id: String(row.id), text: String(row.text) })),
    chatMessages: chat.map((row) => ({
      id: String(row.id),
      text: String(row.text),
      createdAt: Number(row.created_at),
      hidden: yes(row.hidden),
      hiddenReason: text(row.hidden_reason),
    })),
    namedBallots: [
      ...ballots.map((row) => ({
        pollId: String(row.poll_id),
        poll: JSON.parse(String(row.body)),
        choices: JSON.parse(String(row.choices)),
      })),
      ...openNamed,
    ],
    budgetAllocation: allocation ? JSON.parse(String(allocation.allocation)) : undefined,
    speakingTime: speaking.map((row) => ({ role: String(row.role), ms: Number(row.ms) })),
    audit: audit.map((row: SqlRow) => ({
      at: Number(row.at),
      action: String(row.action),
      acted: row.actor_id === participantId,
      targeted: row.target_id === participantId,
      reason: text(row.reason),
    })),
  };
}

/**
 * Rewrites `column` of the rows `where` finds wherever `mentions` matches in it; returns each text that
 * changed with what it became.
 */
async function redactColumn(
  sql: SqlRunner,
  table: string,
  column: string,
  where: string,
  params: readonly SqlValue[],
  mentions: RegExp,
): Promise<Map<string, string>> {
  const changed = new Map<string, string>();
  const rows = await sql.all(
    `SELECT id AS k, ${column} AS v FROM ${table} WHERE ${where} AND ${column} IS NOT NULL`,
    params,
  );
  for (const row of rows) {
    const before = String(row.v);
    const after = redact(before, mentions);
    if (after === before) continue;
    changed.set(before, after);
    await sql.run(`UPDATE ${table} SET ${column} = ? WHERE id = ?`, [after, row.k as SqlValue]);
  }
  return changed;
}

/** A stored JSON value with each string that is a key of `replaced` replaced, then mentions redacted. */
function rewriteJson(
  value: unknown,
  replaced: ReadonlyMap<string, string>,
  mentions: RegExp | undefined,
): unknown {
  if (typeof value === "string") return redactJson(replaced.get(value) ?? value, mentions);
  if (Array.isArray(value)) return value.map((item) => rewriteJson(item, replaced, mentions));
  if (value !== null && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, rewriteJson(item, replaced, mentions)]),
    );
  return value;
}

/**
 * Forgets one participant: their pseudonym, colour and device key; their authorship of ideas and chat
 * lines (the lines stay, authorless); their name on named ballots (the ballots stay in the tallies);
 * and mentions of the pseudonym: each of its words in their own texts, the whole of it in everyone
 * else's, in the report too (shared/consultation/erasure.ts). Anonymous ballots are not touched:
 * nothing links them to the participant. The participant's row stays, nameless and `erased`, so that
 * their session opens nothing and what counted them (votes, attendance) still counts.
 */
export async function eraseParticipantData(
  sql: SqlRunner,
  consultationId: string,
  participantId: string,
  pseudonym: string,
): Promise<void> {
  const both = [consultationId, participantId];
  // Their own words first, while their authorship still finds them.
  const parts = partsOf(pseudonym);
  const replaced = new Map<string, string>();
  if (parts) {
    const own = "consultation_id = ? AND author_id = ?";
    for (const [before, after] of [
      ...(await redactColumn(sql, "ideas", "text", own, both, parts)),
      ...(await redactColumn(sql, "chat_messages", "text", own, both, parts)),
    ])
      replaced.set(before, after);
    await redactColumn(sql, "audit_log", "reason", "consultation_id = ? AND actor_id = ?", both, parts);
  }
  await sql.run(
    `UPDATE participants SET display_name = '', color = '', device_key_hash = NULL, status = 'erased',
     interpreter_languages = NULL WHERE consultation_id = ? AND id = ?`,
    both,
  );
  await sql.run("UPDATE ideas SET author_id = NULL WHERE consultation_id = ? AND author_id = ?", both);
  await sql.run(
    "UPDATE chat_messages SET author_id = NULL WHERE consultation_id = ? AND author_id = ?",
    both,
  );
  await sql.run(
    "UPDATE ballots SET voter_id = NULL WHERE poll_id IN (SELECT id FROM polls WHERE consultation_id = ?) AND voter_id = ?",
    both,
  );
  const mentions = mentionsOf(pseudonym);
  if (mentions) {
    const all = "consultation_id = ?";
    const id = [consultationId];
    await redactColumn(sql, "chat_messages", "text", all, id, mentions);
    await redactColumn(sql, "chat_messages", "hidden_reason", all, id, mentions);
    await redactColumn(sql, "ideas", "text", all, id, mentions);
    await redactColumn(sql, "ideas", "hidden_reason", all, id, mentions);
    await redactColumn(sql, "idea_clusters", "label", all, id, mentions);
    await redactColumn(sql, "audit_log", "reason", all, id, mentions);
  }
  const [report] = await sql.all("SELECT body FROM reports WHERE consultation_id = ?", [consultationId]);
  if (report) {
    const before = String(report.body);
    const after = JSON.stringify(rewriteJson(JSON.parse(before), replaced, mentions));
    if (after !== before)
      await sql.run("UPDATE reports SET body = ? WHERE consultation_id = ?", [after, consultationId]);
  }
}

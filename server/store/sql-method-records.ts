/**
 * `MethodRecords` in plain SQL that SQLite and PostgreSQL both accept (`?` placeholders, `ON CONFLICT`
 * upserts), over a small runner each store provides.
 */
import { randomUUID } from "node:crypto";
import type { ChatMessage } from "../../shared/consultation/chat.ts";
import type { Allocation } from "../../shared/consultation/participatory-budget.ts";
import { type Ballot, type Poll, type PollTally, tallyBallots } from "../../shared/consultation/polls.ts";
import type { Language } from "../../shared/protocol/roles.ts";
import type { ChannelTime } from "../../shared/voice/interpretation-time.ts";
import { isLanguage } from "../../shared/voice/interpreter-channels.ts";
import { serverLog } from "../logging/rate-limited-log.ts";
import type { BallotSeal } from "./ballot-seal.ts";
import type {
  DocumentKind,
  MethodRecords,
  NewBallot,
  StoredChatMessage,
  StoredIdea,
} from "./method-records.ts";

export type SqlValue = string | number | null | Uint8Array;
export type SqlRow = Record<string, unknown>;

export interface SqlRunner {
  all(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>;
  run(sql: string, params?: readonly SqlValue[]): Promise<void>;
  /**
   * Runs `work` in one transaction, committed when it resolves and rolled back when it throws. Nothing
   * else runs on its connection meanwhile; a transaction asked for inside `work` joins this one.
   */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
}

/** A nullable column as an optional string. */
export const text = (value: unknown): string | undefined =>
  value === null || value === undefined ? undefined : String(value);
const flag = (value: boolean): number => (value ? 1 : 0);

const CHAT_COLUMNS = `chat_messages.id, chat_messages.author_id, chat_messages.text, chat_messages.created_at,
  chat_messages.hidden, chat_messages.hidden_reason, participants.display_name AS author_name
  FROM chat_messages LEFT JOIN participants ON participants.id = chat_messages.author_id`;

/** A stored pair of languages (`nl fr`); none when the column is empty or holds anything else. */
export function languagesOf(value: unknown): Language[] {
  const languages = (text(value) ?? "").split(" ").filter(isLanguage);
  return languages.length === 2 ? languages : [];
}

function chatMessageOf(row: SqlRow): StoredChatMessage {
  return {
    id: String(row.id),
    text: String(row.text),
    authorId: text(row.author_id),
    authorName: text(row.author_name) ?? "",
    createdAt: Number(row.created_at),
    hidden: Number(row.hidden) === 1,
    hiddenReason: text(row.hidden_reason),
  };
}

/** Documents that name participants (seats, table places, raised hands): gone with the people. */
export const PERSONAL_DOCUMENTS: readonly DocumentKind[] = ["tables", "plenary_seats", "hall_places"];

/** Tables whose every row is about one participant of the consultation in `consultation_id`. */
const PERSONAL_TABLES = [
  "attendance",
  "speaking_time",
  "budget_allocations",
  "chat_messages",
  "audit_log",
  "bans",
  // A verified identity's keyed hash, and the sign-ins under way with their tickets.
  "verified_identities",
  "oidc_sign_ins",
  "oidc_tickets",
  // Labels name seats or pseudonyms, and each used invitation points at its participant.
  "invitations",
] as const;

const OF_POLLS = "poll_id IN (SELECT id FROM polls WHERE consultation_id = ?)";
const OF_IDEAS = "idea_id IN (SELECT id FROM ideas WHERE consultation_id = ?)";
const PERSONAL_KINDS = PERSONAL_DOCUMENTS.map((kind) => `'${kind}'`).join(", ");

/** Conditions on a consultation `c`: it still holds a row about a person. */
const HOLDS_PEOPLE = [
  "EXISTS (SELECT 1 FROM participants WHERE consultation_id = c.id)",
  ...PERSONAL_TABLES.map((table) => `EXISTS (SELECT 1 FROM ${table} WHERE consultation_id = c.id)`),
  `EXISTS (SELECT 1 FROM consultation_documents WHERE consultation_id = c.id AND kind IN (${PERSONAL_KINDS}))`,
  "EXISTS (SELECT 1 FROM poll_voters JOIN polls ON polls.id = poll_voters.poll_id WHERE polls.consultation_id = c.id)",
  "EXISTS (SELECT 1 FROM ballots JOIN polls ON polls.id = ballots.poll_id WHERE polls.consultation_id = c.id)",
  "EXISTS (SELECT 1 FROM idea_votes JOIN ideas ON ideas.id = idea_votes.idea_id WHERE ideas.consultation_id = c.id)",
  `EXISTS (SELECT 1 FROM ideas WHERE consultation_id = c.id
     AND (author_id IS NOT NULL OR hidden_reason IS NOT NULL OR (hidden = 1 AND text <> '')))`,
].join(" OR ");

async function storedTally(sql: SqlRunner, pollId: string): Promise<PollTally | undefined> {
  const [row] = await sql.all("SELECT ballots, counts FROM poll_tallies WHERE poll_id = ?", [pollId]);
  return row
    ? { ballots: Number(row.ballots), counts: JSON.parse(String(row.counts)) as number[] }
    : undefined;
}

export abstract class SqlMethodRecords implements MethodRecords {
  protected abstract runner(): SqlRunner;
  /** Seals and opens the ballots of open polls (server/store/ballot-seal.ts). */
  protected abstract ballotSeal(): BallotSeal;

  async saveDocument(consultationId: string, kind: DocumentKind, body: unknown): Promise<void> {
    await this.runner().run(
      `INSERT INTO consultation_documents (consultation_id, kind, body) VALUES (?, ?, ?)
       ON CONFLICT (consultation_id, kind) DO UPDATE SET body = excluded.body`,
      [consultationId, kind, JSON.stringify(body)],
    );
  }

  async loadDocument<T>(consultationId: string, kind: DocumentKind): Promise<T | undefined> {
    const [row] = await this.runner().all(
      "SELECT body FROM consultation_documents WHERE consultation_id = ? AND kind = ?",
      [consultationId, kind],
    );
    return row ? (JSON.parse(String(row.body)) as T) : undefined;
  }

  async savePoll(consultationId: string, poll: Poll, createdAt: number): Promise<void> {
    await this.runner().run(
      `INSERT INTO polls (id, consultation_id, created_at, body) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET body = excluded.body`,
      [poll.id, consultationId, createdAt, JSON.stringify(poll)],
    );
  }

  async listPolls(consultationId: string): Promise<Poll[]> {
    const rows = await this.runner().all(
      "SELECT body FROM polls WHERE consultation_id = ? ORDER BY created_at, id",
      [consultationId],
    );
    return rows.map((row) => JSON.parse(String(row.body)) as Poll);
  }

  async castBallot(ballot: NewBallot): Promise<Ballot | undefined> {
    const seal = this.ballotSeal();
    return this.runner().transaction(async (tx) => {
      const [row] = await tx.all(
        "SELECT sealed_ballot FROM poll_voters WHERE poll_id = ? AND participant_id = ?",
        [ballot.pollId, ballot.voterId],
      );
      const previous = row?.sealed_ballot
        ? seal.open(ballot.pollId, ballot.voterId, row.sealed_ballot as Uint8Array)
        : undefined;
      await tx.run(
        `INSERT INTO poll_voters (poll_id, participant_id, sealed_ballot) VALUES (?, ?, ?)
         ON CONFLICT (poll_id, participant_id) DO UPDATE SET sealed_ballot = excluded.sealed_ballot`,
        [ballot.pollId, ballot.voterId, seal.seal(ballot.pollId, ballot.voterId, ballot.choices)],
      );
      return previous;
    });
  }

  /** The open poll's ballots, unsealed; one that cannot be opened (another session secret) is left out. */
  async #openBallots(pollId: string): Promise<Ballot[]> {
    const seal = this.ballotSeal();
    const rows = await this.runner().all(
      "SELECT participant_id, sealed_ballot FROM poll_voters WHERE poll_id = ?",
      [pollId],
    );
    const ballots: Ballot[] = [];
    let unreadable = 0;
    for (const row of rows) {
      const sealed = row.sealed_ballot as Uint8Array | null;
      const ballot = sealed ? seal.open(pollId, String(row.participant_id), sealed) : undefined;
      if (ballot) ballots.push(ballot);
      else unreadable++;
    }
    if (unreadable > 0)
      serverLog.error(
        `Poll ${pollId}: ${unreadable} sealed ballot(s) could not be opened (was SESSION_SECRET changed?).`,
      );
    return ballots;
  }

  async pollTally(poll: Poll): Promise<PollTally> {
    const stored = await storedTally(this.runner(), poll.id);
    if (stored) return stored;
    if (poll.status === "draft") return tallyBallots(poll, []);
    return tallyBallots(poll, await this.#openBallots(poll.id));
  }

  async closeBallots(poll: Poll): Promise<PollTally> {
    return this.runner().transaction(async (tx) => {
      let tally = await storedTally(tx, poll.id);
      if (!tally) {
        const seal = this.ballotSeal();
        const rows = await tx.all("SELECT participant_id, sealed_ballot FROM poll_voters WHERE poll_id = ?", [
          poll.id,
        ]);
        const named: { voterId: string; ballot: Ballot }[] = [];
        for (const row of rows) {
          const voterId = String(row.participant_id);
          const ballot = row.sealed_ballot
            ? seal.open(poll.id, voterId, row.sealed_ballot as Uint8Array)
            : undefined;
          if (ballot) named.push({ voterId, ballot });
        }
        tally = tallyBallots(
          poll,
          named.map((n) => n.ballot),
        );
        await tx.run("INSERT INTO poll_tallies (poll_id, ballots, counts) VALUES (?, ?, ?)", [
          poll.id,
          tally.ballots,
          JSON.stringify(tally.counts),
        ]);
        if (!poll.anonymous)
          // Someone who erased themselves is no longer named: their ballot counts, without them.
          for (const { voterId, ballot } of named)
            await tx.run(
              `INSERT INTO ballots (id, poll_id, voter_id, choices) VALUES (?, ?,
                 CASE WHEN EXISTS (SELECT 1 FROM participants WHERE id = ? AND status = 'erased') THEN NULL ELSE ? END, ?)`,
              [randomUUID(), poll.id, voterId, voterId, JSON.stringify(ballot)],
            );
      }
      // Whether someone voted at all outlives the voter rows, for the report's count of people who voted.
      await tx.run(
        "UPDATE participants SET voted = 1 WHERE id IN (SELECT participant_id FROM poll_voters WHERE poll_id = ?)",
        [poll.id],
      );
      await tx.run("DELETE FROM poll_voters WHERE poll_id = ?", [poll.id]);
      return tally;
    });
  }

  async addIdea(consultationId: string, idea: StoredIdea): Promise<void> {
    await this.runner().run(
      `INSERT INTO ideas (id, consultation_id, author_id, text, created_at, pinned, hidden, hidden_reason, cluster_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        idea.id,
        consultationId,
        idea.authorId ?? null,
        idea.text,
        idea.createdAt,
        flag(idea.pinned),
        flag(idea.hidden),
        idea.hiddenReason ?? null,
        idea.clusterId ?? null,
      ],
    );
  }

  async updateIdea(
    idea: Pick<StoredIdea, "id" | "pinned" | "hidden" | "hiddenReason" | "clusterId">,
  ): Promise<void> {
    await this.runner().run(
      "UPDATE ideas SET pinned = ?, hidden = ?, hidden_reason = ?, cluster_id = ? WHERE id = ?",
      [flag(idea.pinned), flag(idea.hidden), idea.hiddenReason ?? null, idea.clusterId ?? null, idea.id],
    );
  }

  async setIdeaVote(ideaId: string, participantId: string, on: boolean): Promise<void> {
    await this.runner().run(
      on
        ? "INSERT INTO idea_votes (idea_id, participant_id) VALUES (?, ?) ON CONFLICT (idea_id, participant_id) DO NOTHING"
        : "DELETE FROM idea_votes WHERE idea_id = ? AND participant_id = ?",
      [ideaId, participantId],
    );
  }

  async listIdeas(consultationId: string): Promise<StoredIdea[]> {
    const rows = await this.runner().all(
      `SELECT ideas.*, participants.display_name AS author_name FROM ideas
       LEFT JOIN participants ON participants.id = ideas.author_id
       WHERE ideas.consultation_id = ? ORDER BY ideas.created_at, ideas.id`,
      [consultationId],
    );
    const votes = await this.runner().all(
      `SELECT idea_votes.idea_id, idea_votes.participant_id FROM idea_votes
       JOIN ideas ON ideas.id = idea_votes.idea_id WHERE ideas.consultation_id = ?`,
      [consultationId],
    );
    const voters = new Map<string, string[]>();
    for (const vote of votes) {
      const list = voters.get(String(vote.idea_id)) ?? [];
      list.push(String(vote.participant_id));
      voters.set(String(vote.idea_id), list);
    }
    return rows.map((row) => ({
      id: String(row.id),
      text: String(row.text),
      authorId: text(row.author_id),
      authorName: text(row.author_name) ?? "",
      createdAt: Number(row.created_at),
      pinned: Number(row.pinned) === 1,
      hidden: Number(row.hidden) === 1,
      hiddenReason: text(row.hidden_reason),
      clusterId: text(row.cluster_id),
      voterIds: voters.get(String(row.id)) ?? [],
    }));
  }

  async addCluster(consultationId: string, id: string, label: string, at: number): Promise<void> {
    await this.runner().run(
      "INSERT INTO idea_clusters (id, consultation_id, label, created_at) VALUES (?, ?, ?, ?)",
      [id, consultationId, label, at],
    );
  }

  async listClusters(consultationId: string): Promise<{ id: string; label: string }[]> {
    const rows = await this.runner().all(
      "SELECT id, label FROM idea_clusters WHERE consultation_id = ? ORDER BY created_at, id",
      [consultationId],
    );
    return rows.map((row) => ({ id: String(row.id), label: String(row.label) }));
  }

  async addChatMessage(consultationId: string, message: ChatMessage): Promise<void> {
    await this.runner().run(
      `INSERT INTO chat_messages (id, consultation_id, author_id, text, created_at, hidden, hidden_reason)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [
        message.id,
        consultationId,
        message.authorId ?? null,
        message.text,
        message.createdAt,
        flag(message.hidden),
        message.hiddenReason ?? null,
      ],
    );
  }

  async findChatMessage(consultationId: string, id: string): Promise<StoredChatMessage | undefined> {
    const [row] = await this.runner().all(
      `SELECT ${CHAT_COLUMNS} WHERE chat_messages.consultation_id = ? AND chat_messages.id = ?`,
      [consultationId, id],
    );
    return row ? chatMessageOf(row) : undefined;
  }

  async hideChatMessage(id: string, reason: string): Promise<void> {
    await this.runner().run("UPDATE chat_messages SET hidden = 1, hidden_reason = ? WHERE id = ?", [
      reason,
      id,
    ]);
  }

  async listChatMessages(consultationId: string, limit: number): Promise<StoredChatMessage[]> {
    const rows = await this.runner().all(
      `SELECT ${CHAT_COLUMNS}
       WHERE chat_messages.consultation_id = ? AND chat_messages.hidden = 0 AND chat_messages.text <> ''
       ORDER BY chat_messages.created_at DESC, chat_messages.seq DESC LIMIT ?`,
      [consultationId, limit],
    );
    return rows.map(chatMessageOf).reverse();
  }

  async countChatMessages(consultationId: string): Promise<{ messages: number; hidden: number }> {
    const [row] = await this.runner().all(
      "SELECT COUNT(*) AS messages, COALESCE(SUM(hidden), 0) AS hidden FROM chat_messages WHERE consultation_id = ?",
      [consultationId],
    );
    return { messages: Number(row?.messages ?? 0), hidden: Number(row?.hidden ?? 0) };
  }

  async saveAllocation(consultationId: string, participantId: string, allocation: Allocation): Promise<void> {
    await this.runner().run(
      `INSERT INTO budget_allocations (consultation_id, participant_id, allocation) VALUES (?, ?, ?)
       ON CONFLICT (consultation_id, participant_id) DO UPDATE SET allocation = excluded.allocation`,
      [consultationId, participantId, JSON.stringify(allocation)],
    );
  }

  async listAllocations(
    consultationId: string,
  ): Promise<{ participantId: string; allocation: Allocation }[]> {
    const rows = await this.runner().all(
      "SELECT participant_id, allocation FROM budget_allocations WHERE consultation_id = ? ORDER BY participant_id",
      [consultationId],
    );
    return rows.map((row) => ({
      participantId: String(row.participant_id),
      allocation: JSON.parse(String(row.allocation)) as Allocation,
    }));
  }

  async addSpeakingTime(
    consultationId: string,
    participantId: string,
    role: string,
    ms: number,
  ): Promise<void> {
    await this.runner().run(
      "INSERT INTO speaking_time (consultation_id, participant_id, role, ms) VALUES (?, ?, ?, ?)",
      [consultationId, participantId, role, Math.round(ms)],
    );
  }

  async addInterpretationTime(consultationId: string, time: ChannelTime): Promise<void> {
    await this.runner().run(
      "INSERT INTO interpretation_time (consultation_id, language, ms) VALUES (?, ?, ?)",
      [consultationId, time.language, Math.round(time.ms)],
    );
  }

  async listInterpretationTime(consultationId: string): Promise<ChannelTime[]> {
    const rows = await this.runner().all(
      "SELECT language, ms FROM interpretation_time WHERE consultation_id = ?",
      [consultationId],
    );
    return rows.flatMap((row) => {
      const language = String(row.language);
      return isLanguage(language) ? [{ language, ms: Number(row.ms) }] : [];
    });
  }

  async listSpeakingTime(
    consultationId: string,
  ): Promise<{ participantId: string; role: string; ms: number }[]> {
    const rows = await this.runner().all(
      "SELECT participant_id, role, ms FROM speaking_time WHERE consultation_id = ?",
      [consultationId],
    );
    return rows.map((row) => ({
      participantId: String(row.participant_id),
      role: String(row.role),
      ms: Number(row.ms),
    }));
  }

  async recordAttendance(
    consultationId: string,
    participantId: string,
    device: string,
    role: string,
  ): Promise<void> {
    await this.runner().run(
      `INSERT INTO attendance (consultation_id, participant_id, device, role) VALUES (?, ?, ?, ?)
       ON CONFLICT (consultation_id, participant_id) DO UPDATE SET device = excluded.device, role = excluded.role`,
      [consultationId, participantId, device, role],
    );
  }

  async listAttendance(
    consultationId: string,
  ): Promise<{ participantId: string; device: string; role: string }[]> {
    const rows = await this.runner().all(
      "SELECT participant_id, device, role FROM attendance WHERE consultation_id = ? ORDER BY participant_id",
      [consultationId],
    );
    return rows.map((row) => ({
      participantId: String(row.participant_id),
      device: String(row.device),
      role: String(row.role),
    }));
  }

  async addSlide(
    consultationId: string,
    slide: { id: string; mime: string; bytes: Uint8Array },
    maxSlides: number,
  ): Promise<number | undefined> {
    return this.runner().transaction(async (tx) => {
      // Locks the consultation's row (PostgreSQL; SQLite's write transaction already excludes every
      // other writer), so that a concurrent upload counts only once this one has committed.
      await tx.run("UPDATE consultations SET title = title WHERE id = ?", [consultationId]);
      const [row] = await tx.all("SELECT COUNT(*) AS n FROM slides WHERE consultation_id = ?", [
        consultationId,
      ]);
      const position = Number(row?.n ?? 0);
      if (position >= maxSlides) return undefined;
      await tx.run("INSERT INTO slides (id, consultation_id, position, mime, bytes) VALUES (?, ?, ?, ?, ?)", [
        slide.id,
        consultationId,
        position,
        slide.mime,
        slide.bytes,
      ]);
      return position;
    });
  }

  async listSlides(consultationId: string): Promise<{ id: string; mime: string }[]> {
    const rows = await this.runner().all(
      "SELECT id, mime FROM slides WHERE consultation_id = ? ORDER BY position",
      [consultationId],
    );
    return rows.map((row) => ({ id: String(row.id), mime: String(row.mime) }));
  }

  async readSlide(
    consultationId: string,
    id: string,
  ): Promise<{ mime: string; bytes: Uint8Array } | undefined> {
    const [row] = await this.runner().all(
      "SELECT mime, bytes FROM slides WHERE consultation_id = ? AND id = ?",
      [consultationId, id],
    );
    return row ? { mime: String(row.mime), bytes: row.bytes as Uint8Array } : undefined;
  }

  async saveReport(consultationId: string, closedAt: number, report: unknown): Promise<void> {
    await this.runner().run(
      `INSERT INTO reports (consultation_id, closed_at, body) VALUES (?, ?, ?)
       ON CONFLICT (consultation_id) DO NOTHING`,
      [consultationId, closedAt, JSON.stringify(report)],
    );
  }

  async findReport(consultationId: string): Promise<{ closedAt: number; report: unknown } | undefined> {
    const [row] = await this.runner().all("SELECT closed_at, body FROM reports WHERE consultation_id = ?", [
      consultationId,
    ]);
    return row ? { closedAt: Number(row.closed_at), report: JSON.parse(String(row.body)) } : undefined;
  }

  async consultationsWithPeople(before: number): Promise<string[]> {
    const rows = await this.runner().all(
      `SELECT c.id FROM consultations c WHERE c.created_at < ? AND (${HOLDS_PEOPLE}) ORDER BY c.created_at, c.id`,
      [before],
    );
    return rows.map((row) => String(row.id));
  }

  async forgetPeople(consultationId: string): Promise<void> {
    await this.runner().transaction(async (tx) => {
      const id = [consultationId];
      await tx.run(`DELETE FROM poll_voters WHERE ${OF_POLLS}`, id);
      await tx.run(`DELETE FROM ballots WHERE ${OF_POLLS}`, id);
      await tx.run(`DELETE FROM idea_votes WHERE ${OF_IDEAS}`, id);
      await tx.run(
        `UPDATE ideas SET author_id = NULL, hidden_reason = NULL, text = CASE WHEN hidden = 1 THEN '' ELSE text END
         WHERE consultation_id = ?`,
        id,
      );
      for (const table of PERSONAL_TABLES) await tx.run(`DELETE FROM ${table} WHERE consultation_id = ?`, id);
      await tx.run(
        `DELETE FROM consultation_documents WHERE consultation_id = ? AND kind IN (${PERSONAL_KINDS})`,
        id,
      );
      await tx.run("DELETE FROM participants WHERE consultation_id = ?", id);
      await tx.run("UPDATE consultations SET lead_participant_id = NULL WHERE id = ?", id);
    });
  }

  async consultationsCreatedBefore(before: number): Promise<string[]> {
    const rows = await this.runner().all(
      "SELECT id FROM consultations WHERE created_at < ? ORDER BY created_at, id",
      [before],
    );
    return rows.map((row) => String(row.id));
  }

  async deleteConsultation(consultationId: string): Promise<void> {
    await this.runner().transaction(async (tx) => {
      const id = [consultationId];
      for (const table of ["poll_tallies", "poll_voters", "ballots"])
        await tx.run(`DELETE FROM ${table} WHERE ${OF_POLLS}`, id);
      await tx.run(`DELETE FROM idea_votes WHERE ${OF_IDEAS}`, id);
      for (const table of [
        "polls",
        "ideas",
        "idea_clusters",
        ...PERSONAL_TABLES,
        "slides",
        "interpretation_time",
        "reports",
        "consultation_documents",
        "participants",
      ])
        await tx.run(`DELETE FROM ${table} WHERE consultation_id = ?`, id);
      await tx.run("DELETE FROM consultations WHERE id = ?", id);
    });
  }
}

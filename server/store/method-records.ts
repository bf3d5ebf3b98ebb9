/**
 * What the consultation methods keep: agenda, polls and ballots, ideas and votes, budget allocations,
 * table rounds, attendance, floor time, slides and the outcome report. Part of the one store interface
 * (`ConsultationStore` extends it); `SqlMethodRecords` implements it once for SQLite and PostgreSQL.
 */

import type { ChatMessage } from "../../shared/consultation/chat.ts";
import type { Allocation } from "../../shared/consultation/participatory-budget.ts";
import type { Ballot, Poll } from "../../shared/consultation/polls.ts";

/** Small per-consultation documents, each replaced as a whole. */
export type DocumentKind =
  | "agenda"
  | "budget"
  | "tables"
  | "plenary_seats"
  | "table_rounds"
  | "attendance_peak"
  | "slides"
  | "active_poll"
  /** Seats and raised hands when the process last stopped (shared/consultation/returning-places.ts). */
  | "hall_places"
  /** A verified consultation's rule on one claim of the provider's (shared/consultation/eligibility.ts). */
  | "eligibility";

export interface StoredIdea {
  readonly id: string;
  readonly text: string;
  readonly authorId: string | undefined;
  /** The author's current pseudonym ("" once purged). */
  readonly authorName: string;
  readonly createdAt: number;
  readonly pinned: boolean;
  readonly hidden: boolean;
  readonly hiddenReason: string | undefined;
  readonly clusterId: string | undefined;
  readonly voterIds: readonly string[];
}

export interface StoredChatMessage extends ChatMessage {
  /** The author's current pseudonym ("" once purged). */
  readonly authorName: string;
}

export interface NewBallot {
  readonly pollId: string;
  /** Who voted, kept apart from the ballot (double voting). */
  readonly voterId: string;
  /** Finds the voter's earlier ballot: an HMAC for anonymous polls, never the voter id. */
  readonly ballotKey: string;
  /** Stored with the ballot for named polls only. */
  readonly namedVoterId: string | undefined;
  readonly choices: Ballot;
}

export interface MethodRecords {
  saveDocument(consultationId: string, kind: DocumentKind, body: unknown): Promise<void>;
  loadDocument<T>(consultationId: string, kind: DocumentKind): Promise<T | undefined>;

  /** Creates or updates a poll (its definition and status). */
  savePoll(consultationId: string, poll: Poll, createdAt: number): Promise<void>;
  listPolls(consultationId: string): Promise<Poll[]>;
  /** Records the voter and places (or replaces) their ballot, in one transaction. */
  castBallot(ballot: NewBallot): Promise<void>;
  listBallots(pollId: string): Promise<{ ballotKey: string | undefined; choices: Ballot }[]>;
  /** At close: the ballot keys are dropped, so that nothing can find a voter's ballot any more. */
  sealBallots(pollId: string): Promise<void>;

  addIdea(consultationId: string, idea: StoredIdea): Promise<void>;
  updateIdea(
    idea: Pick<StoredIdea, "id" | "pinned" | "hidden" | "hiddenReason" | "clusterId">,
  ): Promise<void>;
  setIdeaVote(ideaId: string, participantId: string, on: boolean): Promise<void>;
  listIdeas(consultationId: string): Promise<StoredIdea[]>;
  addCluster(consultationId: string, id: string, label: string, at: number): Promise<void>;
  listClusters(consultationId: string): Promise<{ id: string; label: string }[]>;

  addChatMessage(consultationId: string, message: ChatMessage): Promise<void>;
  findChatMessage(consultationId: string, id: string): Promise<StoredChatMessage | undefined>;
  hideChatMessage(id: string, reason: string): Promise<void>;
  /** The newest `limit` visible messages, oldest first. */
  listChatMessages(consultationId: string, limit: number): Promise<StoredChatMessage[]>;
  /** For the report: how many messages were sent, and how many of them were hidden. */
  countChatMessages(consultationId: string): Promise<{ messages: number; hidden: number }>;

  saveAllocation(consultationId: string, participantId: string, allocation: Allocation): Promise<void>;
  listAllocations(consultationId: string): Promise<{ participantId: string; allocation: Allocation }[]>;

  addSpeakingTime(consultationId: string, participantId: string, role: string, ms: number): Promise<void>;
  listSpeakingTime(consultationId: string): Promise<{ participantId: string; role: string; ms: number }[]>;
  recordAttendance(
    consultationId: string,
    participantId: string,
    device: string,
    role: string,
  ): Promise<void>;
  listAttendance(consultationId: string): Promise<{ participantId: string; device: string; role: string }[]>;

  /**
   * Appends a slide unless the consultation already has `maxSlides`, checked and written in one
   * transaction that concurrent uploads wait for; answers the new slide's index, or undefined when full.
   */
  addSlide(
    consultationId: string,
    slide: { id: string; mime: string; bytes: Uint8Array },
    maxSlides: number,
  ): Promise<number | undefined>;
  listSlides(consultationId: string): Promise<{ id: string; mime: string }[]>;
  readSlide(consultationId: string, id: string): Promise<{ mime: string; bytes: Uint8Array } | undefined>;

  saveReport(consultationId: string, closedAt: number, report: unknown): Promise<void>;
  findReport(consultationId: string): Promise<{ closedAt: number; report: unknown } | undefined>;

  /**
   * Forgets personal data of consultations created before `before`: participants' names and device
   * keys, idea authors, chat messages' authors and texts, named ballots' voters, names and reasons in
   * the audit log and bans. Aggregates
   * and reports stay. Returns how many consultations were purged.
   */
  purgePersonalData(before: number): Promise<number>;
}

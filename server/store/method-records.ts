/**
 * What the consultation methods keep: agenda, polls and ballots, ideas and votes, budget allocations,
 * table rounds, attendance, floor time, slides and the outcome report. Part of the one store interface
 * (`ConsultationStore` extends it); `SqlMethodRecords` implements it once for SQLite and PostgreSQL.
 */

import type { ChatMessage } from "../../shared/consultation/chat.ts";
import type { Allocation } from "../../shared/consultation/participatory-budget.ts";
import type { Ballot, Poll, PollTally } from "../../shared/consultation/polls.ts";
import type { ChannelTime } from "../../shared/voice/interpretation-time.ts";

/** Small per-consultation documents, each replaced as a whole (docs/privacy.md lists what each holds). */
export const DOCUMENT_KINDS = [
  "agenda",
  "budget",
  "tables",
  "plenary_seats",
  "table_rounds",
  "attendance_peak",
  "slides",
  "active_poll",
  /** Seats and raised hands when the process last stopped (shared/consultation/returning-places.ts). */
  "hall_places",
  /** A verified consultation's rule on one claim of the provider's (shared/consultation/eligibility.ts). */
  "eligibility",
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

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
  /** Who votes: one row per voter and poll (double voting), holding their current choice sealed. */
  readonly voterId: string;
  readonly choices: Ballot;
}

export interface MethodRecords {
  saveDocument(consultationId: string, kind: DocumentKind, body: unknown): Promise<void>;
  loadDocument<T>(consultationId: string, kind: DocumentKind): Promise<T | undefined>;

  /** Creates or updates a poll (its definition and status). */
  savePoll(consultationId: string, poll: Poll, createdAt: number): Promise<void>;
  listPolls(consultationId: string): Promise<Poll[]>;
  /**
   * Places the voter's ballot, sealed in their voter row (server/store/ballot-seal.ts), or replaces the
   * one they cast before, which it returns; the row is the only thing the vote writes.
   */
  castBallot(ballot: NewBallot): Promise<Ballot | undefined>;
  /** The poll's counts: opened from the sealed ballots while it is open, its stored tally once closed. */
  pollTally(poll: Poll): Promise<PollTally>;
  /**
   * The poll closes: its tally is stored, the voter rows and their sealed ballots are deleted (a named
   * poll keeps each voter's choice, as it announced), all in the caller's transaction. A poll closed
   * before keeps its first tally. Returns the tally.
   */
  closeBallots(poll: Poll): Promise<PollTally>;

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
  /** A stretch of interpretation into `language` (shared/voice/interpretation-time.ts), by language only. */
  addInterpretationTime(consultationId: string, time: ChannelTime): Promise<void>;
  listInterpretationTime(consultationId: string): Promise<ChannelTime[]>;
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

  /** Keeps the consultation's report; a consultation closes once, so an existing report stays as it is. */
  saveReport(consultationId: string, closedAt: number, report: unknown): Promise<void>;
  findReport(consultationId: string): Promise<{ closedAt: number; report: unknown } | undefined>;

  /** Consultations created before `before` that still hold a row about a person. */
  consultationsWithPeople(before: number): Promise<string[]>;
  /**
   * Forgets everyone in a consultation whose report holds the aggregates (docs/privacy.md, "Retention"):
   * every row and document keyed by a participant is deleted, idea authors and moderation reasons are
   * cleared, hidden ideas lose their text; the report, the tallies, the agenda, visible ideas and slides
   * stay. Part of the caller's transaction.
   */
  forgetPeople(consultationId: string): Promise<void>;
  /** Consultations created before `before`. */
  consultationsCreatedBefore(before: number): Promise<string[]>;
  /** Deletes the consultation and everything it holds, slides and report included. */
  deleteConsultation(consultationId: string): Promise<void>;
}

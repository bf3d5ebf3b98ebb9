/** The file "Download my data" gives: the store's rows about one person, in the shape of `PersonalDataExport`. */
import { PERSONAL_DATA_FORMAT, type PersonalDataExport } from "../../shared/protocol/personal-data.ts";
import type { StoredPersonalData } from "../store/sql-personal-data.ts";

const iso = (ms: number) => new Date(ms).toISOString();

const NOTES = [
  "Ballots in anonymous polls are counted but not linked to you, so they cannot be part of this file.",
  "Your voice is not recorded. Where you stood and sat in the hall is not kept after you leave.",
  "When the retention period ends, everything the consultation keeps about people is deleted; the outcome report keeps only counts, and the ideas without their authors.",
  "“Erase me” in the hall forgets your name and that you wrote your ideas and chat messages; your anonymous ballots still count.",
];

function pollText(poll: unknown): { question: string; options: string[] } {
  const { question, options } = (poll ?? {}) as { question?: unknown; options?: unknown };
  return {
    question: typeof question === "string" ? question : "",
    options: Array.isArray(options) ? options.map(String) : [],
  };
}

function numbers(value: unknown): number[] {
  return Array.isArray(value) ? value.map(Number) : [];
}

function amounts(value: unknown): Record<string, number> | null {
  if (value === null || value === undefined || typeof value !== "object") return null;
  return Object.fromEntries(Object.entries(value).map(([key, amount]) => [key, Number(amount)]));
}

export function personalDataExport(stored: StoredPersonalData, now: number): PersonalDataExport {
  const { consultation, participant } = stored;
  return {
    format: PERSONAL_DATA_FORMAT,
    exportedAt: iso(now),
    consultation: {
      id: consultation.id,
      title: consultation.title,
      language: consultation.language,
      createdAt: iso(consultation.createdAt),
    },
    you: {
      participantId: participant.id,
      displayName: participant.displayName,
      color: participant.color,
      role: participant.role,
      interpreterLanguages: participant.interpreterLanguages,
      joinedAt: iso(participant.createdAt),
      firstEnteredAt: participant.enteredAt === undefined ? null : iso(participant.enteredAt),
      deviceKeyHashStored: participant.deviceKeyHashStored,
      door: participant.door,
      invitationLabel: participant.invitationLabel ?? null,
      verifiedIdentityStored: participant.verifiedIdentityStored,
      attendance: stored.attendance ?? null,
    },
    ideas: stored.ideas.map((idea) => ({
      id: idea.id,
      text: idea.text,
      createdAt: iso(idea.createdAt),
      pinned: idea.pinned,
      hidden: idea.hidden,
      hiddenReason: idea.hiddenReason ?? null,
    })),
    upvotedIdeas: stored.upvotedIdeas,
    chatMessages: stored.chatMessages.map((message) => ({
      id: message.id,
      text: message.text,
      createdAt: iso(message.createdAt),
      hidden: message.hidden,
      hiddenReason: message.hiddenReason ?? null,
    })),
    namedBallots: stored.namedBallots.map((ballot) => ({
      pollId: ballot.pollId,
      ...pollText(ballot.poll),
      choices: numbers(ballot.choices),
    })),
    budgetAllocation: amounts(stored.budgetAllocation),
    speakingTime: stored.speakingTime,
    moderation: stored.audit.map((entry) => ({
      at: iso(entry.at),
      action: entry.action,
      you: entry.acted ? "acted" : "target",
      // What others reported about someone is for the facilitators only; one's own words are one's own.
      reason: entry.action === "report" && !entry.acted ? null : (entry.reason ?? null),
    })),
    notes: NOTES,
  };
}

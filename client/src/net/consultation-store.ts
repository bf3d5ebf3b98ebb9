/**
 * The consultation methods as React sees them: agenda, polls, ideas, budget, tables, slides and the
 * phase, mirrored from the room by consultation-sync.ts; plus what this participant did here (ballots,
 * upvotes, allocation) as acknowledged by the room, so the overlay can show it. Nothing here is stored.
 */
import { create } from "zustand";

export interface AgendaItemView {
  readonly id: string;
  readonly title: string;
  readonly plannedMinutes: number;
  readonly pollId: string;
  readonly spentMs: number;
  readonly started: boolean;
}

export interface PollView {
  readonly id: string;
  readonly question: string;
  readonly kind: string;
  readonly options: readonly string[];
  readonly maxChoices: number;
  readonly scaleMax: number;
  readonly anonymous: boolean;
  readonly reveal: string;
  readonly status: string;
  readonly ballots: number;
  /** Empty while the results are hidden. */
  readonly counts: readonly number[];
}

export interface IdeaView {
  readonly id: string;
  readonly text: string;
  readonly authorName: string;
  readonly createdAt: number;
  readonly votes: number;
  readonly pinned: boolean;
  readonly clusterId: string;
}

export interface ChatMessageView {
  readonly id: string;
  readonly authorId: string;
  readonly authorName: string;
  readonly text: string;
  readonly createdAt: number;
}

export interface ProposalView {
  readonly id: string;
  readonly title: string;
  readonly cost: number;
  readonly allocated: number;
}

export interface ConsultationState {
  readonly phase: string;
  readonly agenda: {
    readonly items: readonly AgendaItemView[];
    readonly current: number;
    readonly startedAt: number;
  };
  /** In the order they were created. */
  readonly polls: readonly PollView[];
  readonly activePollId: string;
  readonly ideas: readonly IdeaView[];
  readonly clusters: readonly { readonly id: string; readonly label: string }[];
  readonly budget: {
    readonly status: string;
    readonly total: number;
    readonly proposals: readonly ProposalView[];
    readonly allocations: number;
  };
  readonly tables: {
    readonly count: number;
    readonly mode: string;
    readonly startedAt: number;
    readonly endsAt: number;
  };
  /** Participant id to table (0-based); absent in the plenary. */
  readonly seating: Readonly<Record<string, number>>;
  readonly slides: { readonly urls: readonly string[]; readonly current: number };
  /** The newest visible chat messages, oldest first. */
  readonly chat: readonly ChatMessageView[];
}

export interface ConsultationStore extends ConsultationState {
  /** Ballots the room acknowledged, by poll id. */
  readonly myBallots: Readonly<Record<string, readonly number[]>>;
  /** Ideas this participant upvoted (as the room answered the last toggle). */
  readonly myUpvotes: Readonly<Record<string, boolean>>;
  /** The allocation the room acknowledged, or null before any. */
  readonly myAllocation: Readonly<Record<string, number>> | null;
}

export const EMPTY_CONSULTATION: ConsultationState = {
  phase: "open",
  agenda: { items: [], current: -1, startedAt: 0 },
  polls: [],
  activePollId: "",
  ideas: [],
  clusters: [],
  budget: { status: "none", total: 0, proposals: [], allocations: 0 },
  tables: { count: 0, mode: "assign", startedAt: 0, endsAt: 0 },
  seating: {},
  slides: { urls: [], current: -1 },
  chat: [],
};

export const useConsultation = create<ConsultationStore>()(() => ({
  ...EMPTY_CONSULTATION,
  myBallots: {},
  myUpvotes: {},
  myAllocation: null,
}));

/** The poll on the big screen, if any. */
export function selectActivePoll(state: ConsultationState): PollView | undefined {
  return state.polls.find((poll) => poll.id === state.activePollId);
}

/** The running agenda item, if any. */
export function selectCurrentItem(state: ConsultationState): AgendaItemView | undefined {
  return state.agenda.items[state.agenda.current];
}

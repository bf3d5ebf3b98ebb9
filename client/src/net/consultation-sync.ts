/**
 * Mirrors the room's consultation methods (agenda, polls, ideas, budget, tables, slides, phase) into the
 * consultation store. Each part is copied into plain data and replaces the store's only when it changed,
 * so components re-render when the consultation moves, not with every pose patch.
 */
import type { TownHallState } from "../../../shared/state/town-hall-state.ts";
import {
  type ConsultationState,
  EMPTY_CONSULTATION,
  type IdeaView,
  type PollView,
  useConsultation,
} from "./consultation-store.ts";
import type { HallRoom } from "./hall-room.ts";

type Parts = { -readonly [K in keyof ConsultationState]: ConsultationState[K] };

function snapshot(state: TownHallState): Parts {
  const agenda = state.agenda;
  const budget = state.budget;
  const tables = state.tables;
  const slides = state.slides;
  const polls: PollView[] = [];
  state.polls?.forEach((poll, id) => {
    polls.push({
      id,
      question: poll.question,
      kind: poll.kind,
      options: [...(poll.options ?? [])],
      maxChoices: poll.maxChoices,
      scaleMax: poll.scaleMax,
      anonymous: poll.anonymous,
      reveal: poll.reveal,
      status: poll.status,
      ballots: poll.ballots,
      counts: [...(poll.counts ?? [])],
    });
  });
  const ideas: IdeaView[] = [];
  state.ideas?.forEach((idea, id) => {
    ideas.push({
      id,
      text: idea.text,
      authorName: idea.authorName,
      createdAt: idea.createdAt,
      votes: idea.votes,
      pinned: idea.pinned,
      clusterId: idea.clusterId,
    });
  });
  const clusters: { id: string; label: string }[] = [];
  state.clusters?.forEach((cluster, id) => {
    clusters.push({ id, label: cluster.label });
  });
  const seating: Record<string, number> = {};
  state.participants?.forEach((participant, id) => {
    if (participant.table >= 0) seating[id] = participant.table;
  });
  return {
    phase: state.consultation?.phase ?? "open",
    agenda: agenda
      ? {
          items: [...(agenda.items ?? [])].map((item) => ({
            id: item.id,
            title: item.title,
            plannedMinutes: item.plannedMinutes,
            pollId: item.pollId,
            spentMs: item.spentMs,
            started: item.started,
          })),
          current: agenda.current,
          startedAt: agenda.startedAt,
        }
      : EMPTY_CONSULTATION.agenda,
    polls,
    activePollId: state.activePollId ?? "",
    ideas,
    clusters,
    budget: budget
      ? {
          status: budget.status,
          total: budget.total,
          proposals: [...(budget.proposals ?? [])].map((proposal) => ({
            id: proposal.id,
            title: proposal.title,
            cost: proposal.cost,
            allocated: proposal.allocated,
          })),
          allocations: budget.allocations,
        }
      : EMPTY_CONSULTATION.budget,
    tables: tables
      ? { count: tables.count, mode: tables.mode, startedAt: tables.startedAt, endsAt: tables.endsAt }
      : EMPTY_CONSULTATION.tables,
    seating,
    slides: slides ? { urls: [...(slides.urls ?? [])], current: slides.current } : EMPTY_CONSULTATION.slides,
    chat: [...(state.chat ?? [])].map((message) => ({
      id: message.id,
      authorId: message.authorId,
      authorName: message.authorName,
      text: message.text,
      createdAt: message.createdAt,
    })),
  };
}

/** Starts mirroring a freshly joined room; returns what stops it. */
export function wireConsultation(room: HallRoom): () => void {
  useConsultation.setState({ ...EMPTY_CONSULTATION, myBallots: {}, myUpvotes: {}, myAllocation: null });
  const last = new Map<string, string>();
  let active = true;
  room.onStateChange((state) => {
    if (!active) return;
    const parts = snapshot(state);
    const changes: Partial<Parts> = {};
    for (const key of Object.keys(parts) as (keyof Parts)[]) {
      // Chat messages never change once sent (hidden ones leave): their ids say it all, cheaply.
      const text =
        key === "chat" ? parts.chat.map((message) => message.id).join(" ") : JSON.stringify(parts[key]);
      if (last.get(key) === text) continue;
      last.set(key, text);
      Object.assign(changes, { [key]: parts[key] });
    }
    if (Object.keys(changes).length > 0) useConsultation.setState(changes);
  });
  return () => {
    active = false;
  };
}

/** A plain snapshot of the consultation for the `?test=1` hook: the room's state, and what the hall drew of it. */

import { useConsultation } from "../net/consultation-store.ts";
import { type DrawnScreen, drawnScreen, drawnWall } from "../scene/drawn-consultation.ts";
import { drawnMenuAgenda } from "../xr/drawn-menus.ts";

export interface ConsultationView {
  readonly phase: string;
  readonly activePollId: string;
  readonly agendaCurrent: number;
  /** The table round (0 tables in the plenary) and who sits at which table. */
  readonly tables: { count: number; mode: string; endsAt: number };
  readonly seating: Record<string, number>;
  readonly polls: {
    id: string;
    question: string;
    kind: string;
    status: string;
    ballots: number;
    counts: number[];
  }[];
  readonly ideas: { id: string; text: string; votes: number; pinned: boolean }[];
  readonly myBallots: Record<string, number[]>;
  /** The slides in the room's state: their addresses and the one on the screen (-1 for none). */
  readonly slides: { urls: string[]; current: number };
  /** What the big screen shows now. */
  readonly screen: DrawnScreen;
  /** The agenda item and its timer as the headset's hand menu last showed them. */
  readonly menuAgenda: { title: string; time: string };
  /** The sticky notes on the ideas wall. */
  readonly wall: { id: string; text: string; votes: number; pinned: boolean }[];
  /** The chat messages in the room's state, oldest first. */
  readonly chat: { id: string; authorName: string; text: string }[];
}

export function consultationView(): ConsultationView {
  const state = useConsultation.getState();
  return {
    phase: state.phase,
    activePollId: state.activePollId,
    agendaCurrent: state.agenda.current,
    tables: { ...state.tables },
    seating: { ...state.seating },
    polls: state.polls.map(({ id, question, kind, status, ballots, counts }) => ({
      id,
      question,
      kind,
      status,
      ballots,
      counts: [...counts],
    })),
    ideas: state.ideas.map(({ id, text, votes, pinned }) => ({ id, text, votes, pinned })),
    myBallots: Object.fromEntries(Object.entries(state.myBallots).map(([id, choices]) => [id, [...choices]])),
    slides: { urls: [...state.slides.urls], current: state.slides.current },
    screen: JSON.parse(JSON.stringify(drawnScreen)) as DrawnScreen,
    menuAgenda: { ...drawnMenuAgenda },
    wall: drawnWall.notes.map((note) => ({ ...note })),
    chat: state.chat.map(({ id, authorName, text }) => ({ id, authorName, text })),
  };
}

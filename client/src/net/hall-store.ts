/**
 * What React needs to know about the room: who is there, the connection's status, the title and
 * passing errors. These change rarely; poses never pass through here (the scene reads them from the
 * pose buffers every frame instead of re-rendering).
 */
import { create } from "zustand";

export interface ParticipantSummary {
  readonly id: string;
  readonly name: string;
  readonly color: string;
  readonly role: string;
  readonly device: string;
  readonly seat: number;
  readonly muted: boolean;
  readonly handRaised: boolean;
  readonly hasFloor: boolean;
  /** The room's verdict: may this person speak now (voice is dropped otherwise). */
  readonly canSpeak: boolean;
  /** A facilitator muted this person: they cannot unmute until it is lifted. */
  readonly mutedByFacilitator: boolean;
  /** Their connection dropped; the room holds their place while their browser reconnects. */
  readonly reconnecting: boolean;
  /** An interpreter's pair of languages; empty for everyone else. */
  readonly interpreterLanguages: readonly string[];
  /** The language an interpreter speaks into, or "". */
  readonly interpreting: string;
  /** The interpreter is live in that channel. */
  readonly interpreterLive: boolean;
}

export type ConnectionStatus =
  | "connecting"
  | "connected"
  | "reconnecting"
  | "disconnected"
  | "replaced"
  | "failed";

export interface Toast {
  readonly id: number;
  readonly code: string;
  readonly message: string;
}

export interface HallStore {
  readonly status: ConnectionStatus;
  /** Why joining failed, when `status` is "failed". */
  readonly failure: {
    readonly code: string;
    readonly message: string;
    /** The facilitator's reason, when they removed or banned this participant. */
    readonly reason?: string;
  } | null;
  /** The server said it is restarting; the tab joins again by itself once it is back. */
  readonly restarting: boolean;
  readonly selfId: string;
  readonly title: string;
  /** The consultation's language ("" until the state arrives): the interface's default. */
  readonly language: string;
  readonly participants: readonly ParticipantSummary[];
  readonly toasts: readonly Toast[];
}

export const useHallStore = create<HallStore>()(() => ({
  status: "connecting",
  failure: null,
  restarting: false,
  selfId: "",
  title: "",
  language: "",
  participants: [],
  toasts: [],
}));

/** Facilitators first, then by name, so the list reads the same for everyone. */
export function sortParticipants(list: ParticipantSummary[]): ParticipantSummary[] {
  return list.sort(
    (a, b) =>
      Number(b.role === "facilitator") - Number(a.role === "facilitator") ||
      a.name.localeCompare(b.name) ||
      a.id.localeCompare(b.id),
  );
}

const TOAST_MILLISECONDS = 4500;
let nextToastId = 1;

export function showToast(code: string, message: string): void {
  const toast = { id: nextToastId++, code, message };
  useHallStore.setState((state) => ({ toasts: [...state.toasts, toast].slice(-3) }));
  setTimeout(() => {
    useHallStore.setState((state) => ({ toasts: state.toasts.filter((other) => other.id !== toast.id) }));
  }, TOAST_MILLISECONDS);
}

export function selectSelf(state: HallStore): ParticipantSummary | undefined {
  return state.participants.find((participant) => participant.id === state.selfId);
}

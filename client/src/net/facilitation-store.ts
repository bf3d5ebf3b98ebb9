/**
 * The facilitation side of the room as React sees it: mode, lock, the speaking queue, the floor, reports
 * received (facilitators only) and passing notices about one's own right to speak. Mirrored from the
 * room by facilitation-sync.ts; nothing here is stored.
 */
import { create } from "zustand";
import type { MessageKey, MessageParams } from "../../../shared/i18n/index.ts";
import type { ReportReceived } from "../../../shared/protocol/room-messages.ts";
import type { FloorState } from "../facilitation/floor-clock.ts";

export interface Notice {
  readonly id: number;
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

export interface FacilitationStore {
  readonly consultationId: string;
  /** "console" on a facilitator's second screen: no avatar of our own there. */
  readonly view: "hall" | "console";
  readonly mode: string;
  readonly locked: boolean;
  /** Who may take part: `open`, `invitation` or `verified`. */
  readonly access: string;
  /** The lead facilitator's participant id ("" until someone came through the facilitator link). */
  readonly leadId: string;
  /** Participant ids, first in line first. */
  readonly queue: readonly string[];
  readonly floor: FloorState;
  readonly reports: readonly ReportReceived[];
  /** How many people erased themselves since joining: an audit log on screen is read again. */
  readonly erasures: number;
  readonly notices: readonly Notice[];
}

export const NO_FLOOR_STATE: FloorState = { holderId: "", endsAt: 0, graceMs: 0 };

export const useFacilitation = create<FacilitationStore>()(() => ({
  consultationId: "",
  view: "hall",
  mode: "town_hall",
  locked: false,
  access: "open",
  leadId: "",
  queue: [],
  floor: NO_FLOOR_STATE,
  reports: [],
  erasures: 0,
  notices: [],
}));

const NOTICE_MILLISECONDS = 6000;
let nextNoticeId = 1;

/** Shows a notice for a few seconds (announced to screen readers by the component that lists them). */
export function showNotice(key: MessageKey, params?: MessageParams): void {
  const notice: Notice = { id: nextNoticeId++, key, ...(params ? { params } : {}) };
  useFacilitation.setState((state) => ({ notices: [...state.notices, notice].slice(-3) }));
  setTimeout(() => {
    useFacilitation.setState((state) => ({
      notices: state.notices.filter((other) => other.id !== notice.id),
    }));
  }, NOTICE_MILLISECONDS);
}

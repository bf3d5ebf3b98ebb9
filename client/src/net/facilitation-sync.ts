/**
 * Mirrors the room's facilitation state (mode, lock, queue, floor) into the facilitation store, keeps
 * the reports that reach facilitators, and turns changes to one's own right to speak into notices.
 */
import { mentionsOf, redact } from "../../../shared/consultation/erasure.ts";
import {
  PARTICIPANT_ERASED_MESSAGE,
  type ParticipantErased,
  REPORT_RECEIVED_MESSAGE,
  type ReportReceived,
} from "../../../shared/protocol/room-messages.ts";
import type { TownHallState } from "../../../shared/state/town-hall-state.ts";
import { type SpeakerFlags, speakerNotices } from "../facilitation/speaker-notices.ts";
import { NO_FLOOR_STATE, showNotice, useFacilitation } from "./facilitation-store.ts";
import type { HallRoom } from "./hall-room.ts";
import { selectSelf, useHallStore } from "./hall-store.ts";

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** A report as it reads once `participantId` erased themselves: their name gone from it, and from its reason. */
export function forgetInReport(report: ReportReceived, participantId: string): ReportReceived {
  let { fromName, aboutName, reason } = report;
  if (report.fromId === participantId) {
    reason = redact(reason, mentionsOf(fromName));
    fromName = "";
  }
  if (report.aboutId === participantId) {
    reason = redact(reason, mentionsOf(aboutName));
    aboutName = "";
  }
  return { ...report, fromName, aboutName, reason };
}

function mirror(state: TownHallState): void {
  const current = useFacilitation.getState();
  const queue = [...(state.speakingQueue ?? [])];
  const floor = state.floor;
  const changes: { -readonly [K in keyof typeof current]?: (typeof current)[K] } = {};
  if (!sameList(queue, current.queue)) changes.queue = queue;
  if (
    floor &&
    (floor.holderId !== current.floor.holderId ||
      floor.endsAt !== current.floor.endsAt ||
      floor.graceMs !== current.floor.graceMs)
  ) {
    changes.floor = { holderId: floor.holderId, endsAt: floor.endsAt, graceMs: floor.graceMs };
  }
  const consultation = state.consultation;
  if (consultation) {
    if (consultation.mode !== current.mode) changes.mode = consultation.mode;
    if (consultation.locked !== current.locked) changes.locked = consultation.locked;
    if (consultation.access !== current.access) changes.access = consultation.access;
    if (consultation.leadId !== current.leadId) changes.leadId = consultation.leadId;
    if (consultation.id !== current.consultationId) changes.consultationId = consultation.id;
  }
  if (Object.keys(changes).length > 0) useFacilitation.setState(changes);
}

function selfFlags(): SpeakerFlags | undefined {
  const self = selectSelf(useHallStore.getState());
  return self ? { hasFloor: self.hasFloor, mutedByFacilitator: self.mutedByFacilitator } : undefined;
}

/** Starts mirroring a freshly joined room; returns what stops it. */
export function wireFacilitation(room: HallRoom, view: "hall" | "console"): () => void {
  useFacilitation.setState({
    view,
    consultationId: "",
    mode: "town_hall",
    locked: false,
    access: "open",
    leadId: "",
    queue: [],
    floor: NO_FLOOR_STATE,
    reports: [],
    erasures: 0,
    notices: [],
  });
  room.onStateChange(mirror);
  room.onMessage(REPORT_RECEIVED_MESSAGE, (report: ReportReceived) => {
    useFacilitation.setState((state) => ({ reports: [report, ...state.reports].slice(0, 200) }));
  });
  room.onMessage(PARTICIPANT_ERASED_MESSAGE, ({ participantId }: ParticipantErased) => {
    useFacilitation.setState((state) => ({
      reports: state.reports.map((report) => forgetInReport(report, participantId)),
      erasures: state.erasures + 1,
    }));
  });
  if (view === "console") return () => undefined;
  let before = selfFlags();
  return useHallStore.subscribe(() => {
    const after = selfFlags();
    if (before?.hasFloor === after?.hasFloor && before?.mutedByFacilitator === after?.mutedByFacilitator)
      return;
    const notices = speakerNotices(before, after);
    before = after;
    for (const key of notices) showNotice(key);
  });
}

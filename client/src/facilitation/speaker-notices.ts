/**
 * What to tell someone about their right to speak, when the room changes it and while their microphone
 * stays off: pure, so that it is tested alone.
 */
import {
  DEFAULT_SPEAKING_MODE,
  isSpeakingMode,
  type SpeakerStatus,
  type SpeakRefusal,
  speakRefusal,
} from "../../../shared/consultation/speaking-mode.ts";

export interface SpeakerFlags {
  readonly hasFloor: boolean;
  readonly mutedByFacilitator: boolean;
}

export type SpeakerNotice =
  | "notice.floorGiven"
  | "notice.floorTaken"
  | "notice.mutedByFacilitator"
  | "notice.unmutedByFacilitator";

/** The notices for going from `before` to `after`; nothing on first sight (joining) or when leaving. */
export function speakerNotices(
  before: SpeakerFlags | undefined,
  after: SpeakerFlags | undefined,
): SpeakerNotice[] {
  if (!before || !after) return [];
  const notices: SpeakerNotice[] = [];
  if (!before.hasFloor && after.hasFloor) notices.push("notice.floorGiven");
  if (before.hasFloor && !after.hasFloor) notices.push("notice.floorTaken");
  if (!before.mutedByFacilitator && after.mutedByFacilitator) notices.push("notice.mutedByFacilitator");
  if (before.mutedByFacilitator && !after.mutedByFacilitator && !after.hasFloor) {
    // Being given the floor lifts the mute too; "you have the floor" already says all.
    notices.push("notice.unmutedByFacilitator");
  }
  return notices;
}

export type CannotSpeakNote =
  | "voice.cannotSpeak"
  | "voice.observerCannotSpeak"
  | "voice.mutedCannotSpeak"
  | "voice.closedCannotSpeak"
  | "voice.interpreterNotLive";

const CANNOT_SPEAK_NOTES: Record<SpeakRefusal, CannotSpeakNote> = {
  floor_required: "voice.cannotSpeak",
  not_allowed: "voice.observerCannotSpeak",
  muted_by_facilitator: "voice.mutedCannotSpeak",
  consultation_closed: "voice.closedCannotSpeak",
  interpreter_not_live: "voice.interpreterNotLive",
};

/**
 * Why someone the room does not let speak cannot open their microphone, by the room's own rule. The
 * room's verdict may arrive before the state that explains it: then the floor is the likely reason.
 */
export function cannotSpeakNote(status: SpeakerStatus, mode: string, phase: string): CannotSpeakNote {
  const refusal = speakRefusal(status, isSpeakingMode(mode) ? mode : DEFAULT_SPEAKING_MODE, phase);
  return CANNOT_SPEAK_NOTES[refusal ?? "floor_required"];
}

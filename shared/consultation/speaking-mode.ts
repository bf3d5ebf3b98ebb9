/**
 * Who may speak: in town-hall mode (the default) citizens speak only while they hold the floor; in open
 * mode everyone but observers may. A facilitator's mute overrides both until the facilitator lifts it.
 * Closing ends open speaking: a closed consultation is a town hall whose floor was taken back, whatever
 * mode it closed in, since nobody may give the floor or switch the mode any more.
 */
import { isClosed } from "./closing.ts";
import { isFacilitating, isInterpreter, isSpeakerRole } from "./roles.ts";

export const SPEAKING_MODES = ["town_hall", "open"] as const;
export type SpeakingMode = (typeof SPEAKING_MODES)[number];
export const DEFAULT_SPEAKING_MODE: SpeakingMode = "town_hall";

export function isSpeakingMode(value: string): value is SpeakingMode {
  return (SPEAKING_MODES as readonly string[]).includes(value);
}

export interface SpeakerStatus {
  readonly role: string;
  readonly hasFloor: boolean;
  readonly mutedByFacilitator: boolean;
  /** For an interpreter: live in their channel (shared/voice/interpreter-channels.ts). */
  readonly interpreterLive?: boolean;
}

export type SpeakRefusal =
  | "not_allowed"
  | "muted_by_facilitator"
  | "floor_required"
  | "consultation_closed"
  | "interpreter_not_live";

/**
 * Why this participant may not open their microphone now, in `mode` while the consultation is in
 * `phase`, or undefined when they may.
 */
export function speakRefusal(
  status: SpeakerStatus,
  mode: SpeakingMode,
  phase: string,
): SpeakRefusal | undefined {
  if (isInterpreter(status.role)) return interpreterRefusal(status, phase);
  if (!isSpeakerRole(status.role)) return "not_allowed";
  if (status.mutedByFacilitator) return "muted_by_facilitator";
  if (status.hasFloor || isFacilitating(status.role)) return undefined;
  // Not "floor_required": once closed, nobody can be given the floor any more.
  if (isClosed(phase)) return "consultation_closed";
  return mode === "town_hall" ? "floor_required" : undefined;
}

/** An interpreter speaks whatever the mode, into their channel, while live in it. */
function interpreterRefusal(status: SpeakerStatus, phase: string): SpeakRefusal | undefined {
  if (status.mutedByFacilitator) return "muted_by_facilitator";
  if (isClosed(phase)) return "consultation_closed";
  return status.interpreterLive ? undefined : "interpreter_not_live";
}

/** The effective right to speak, as voice enforcement applies it. */
export function maySpeak(status: SpeakerStatus, mode: SpeakingMode, phase: string): boolean {
  return speakRefusal(status, mode, phase) === undefined;
}

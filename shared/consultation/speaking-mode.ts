/**
 * Who may speak: in town-hall mode (the default) citizens speak only while they hold the floor; in open
 * mode everyone but observers may. A facilitator's mute overrides both until the facilitator lifts it.
 */
import { isFacilitating, isSpeakerRole } from "./roles.ts";

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
}

export type SpeakRefusal = "not_allowed" | "muted_by_facilitator" | "floor_required";

/** Why this participant may not open their microphone now, or undefined when they may. */
export function speakRefusal(status: SpeakerStatus, mode: SpeakingMode): SpeakRefusal | undefined {
  if (!isSpeakerRole(status.role)) return "not_allowed";
  if (status.mutedByFacilitator) return "muted_by_facilitator";
  if (mode === "town_hall" && !status.hasFloor && !isFacilitating(status.role)) return "floor_required";
  return undefined;
}

/** The effective right to speak, as voice enforcement applies it. */
export function maySpeak(status: SpeakerStatus, mode: SpeakingMode): boolean {
  return speakRefusal(status, mode) === undefined;
}

/**
 * Whose voice to receive: everyone within hearing range, plus the floor holder wherever they are.
 * Two thresholds (hysteresis) keep someone standing at the edge from being dropped and picked up
 * again with every step.
 */
import { VOICE_DISTANCE } from "./spatial-math.ts";

export interface HearingRange {
  /** Start receiving a speaker who comes this close (metres). */
  readonly enter: number;
  /** Stop receiving a speaker only once they are farther than this. */
  readonly leave: number;
}

/** Voices are silent beyond 20 m (`VOICE_DISTANCE.silent`); receiving stops a little farther out. */
export const HEARING_RANGE: HearingRange = { enter: VOICE_DISTANCE.silent, leave: VOICE_DISTANCE.silent + 3 };

export interface PlacedSpeaker {
  readonly id: string;
  readonly x: number;
  readonly z: number;
}

/**
 * The speakers to receive next, given the listener's floor position, everyone else, those received
 * now and the floor holder ("" for nobody). Returns a new set; distances are measured on the floor.
 */
export function speakersToReceive(
  listener: { readonly x: number; readonly z: number },
  speakers: readonly PlacedSpeaker[],
  receivedNow: ReadonlySet<string>,
  floorHolderId: string,
  range: HearingRange = HEARING_RANGE,
): Set<string> {
  const next = new Set<string>();
  for (const speaker of speakers) {
    const distance = Math.hypot(speaker.x - listener.x, speaker.z - listener.z);
    const limit = receivedNow.has(speaker.id) ? range.leave : range.enter;
    if (speaker.id === floorHolderId || distance <= limit) next.add(speaker.id);
  }
  return next;
}

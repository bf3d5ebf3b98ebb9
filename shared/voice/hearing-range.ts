/**
 * Whose voice to receive: everyone within hearing range, plus the floor holder wherever they are.
 * Two thresholds (hysteresis) keep someone standing at the edge from being dropped and picked up
 * again with every step. At a discussion table only that table's voices are received: the murmur of
 * the others is not worth their bandwidth.
 */
import { VOICE_DISTANCE } from "./spatial-math.ts";
import { sharesTable } from "./table-voices.ts";

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
  /** Discussion table (0-based) during a table round; -1 or absent in the plenary. */
  readonly table?: number;
}

/**
 * The speakers to receive next, given the listener's floor position and table, everyone else, those
 * received now and the floor holder ("" for nobody). Returns a new set; distances are measured on the floor.
 */
export function speakersToReceive(
  listener: { readonly x: number; readonly z: number; readonly table?: number },
  speakers: readonly PlacedSpeaker[],
  receivedNow: ReadonlySet<string>,
  floorHolderId: string,
  range: HearingRange = HEARING_RANGE,
): Set<string> {
  const next = new Set<string>();
  for (const speaker of speakers) {
    if (speaker.id === floorHolderId) {
      next.add(speaker.id);
      continue;
    }
    if (!sharesTable(listener.table ?? -1, speaker.table ?? -1)) continue;
    const distance = Math.hypot(speaker.x - listener.x, speaker.z - listener.z);
    const limit = receivedNow.has(speaker.id) ? range.leave : range.enter;
    if (distance <= limit) next.add(speaker.id);
  }
  return next;
}

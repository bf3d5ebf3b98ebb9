/**
 * Whose full pose (head and hands at the patch rate) a participant receives. Everyone else still
 * arrives, as a coarse head a few times per second, so nobody ever disappears; this rule only picks
 * who is worth the bytes: whoever holds the floor, people at one's discussion table, and the nearest
 * people within a few metres, with a hysteresis gap so that someone standing at the edge does not
 * flip between the two rates.
 */

/** Closer than this, someone joins the full-rate set. */
export const NEAR_ENTER_METRES = 8;
/** Someone already in the set stays until they are this far. */
export const NEAR_LEAVE_METRES = 9.5;
/**
 * At most this many others at full rate. A 300-person hall puts sixty people within 8 m; sending all
 * of them at 20 Hz would cost each client about 60 KB/s, so only the nearest make it.
 */
export const MAX_FULL_RATE = 20;
/**
 * The cap for someone in low-bandwidth mode: the floor holder and the closest table mates still move
 * their hands, everyone else arrives as a coarse head only.
 */
export const LOW_BANDWIDTH_FULL_RATE = 3;
/** Members of the current set count as this much closer when the cap has to choose (no flapping). */
const KEEP_BONUS_METRES = 1;

export interface InterestSubject {
  readonly id: string;
  readonly x: number;
  readonly z: number;
  /** Discussion table, -1 in the plenary. */
  readonly table: number;
  readonly hasFloor: boolean;
}

interface Ranked {
  id: string;
  /** 0 floor holder, 1 table mate, 2 near. */
  tier: number;
  distance: number;
}

/**
 * The ids `viewer` receives at full rate, given who is in the hall and who it received until now.
 * Never includes the viewer (the room adds one's own avatar separately).
 */
export function fullRateSet(
  viewer: InterestSubject,
  everyone: Iterable<InterestSubject>,
  current: ReadonlySet<string>,
  limit = MAX_FULL_RATE,
): Set<string> {
  const ranked: Ranked[] = [];
  for (const other of everyone) {
    if (other.id === viewer.id) continue;
    const distance = Math.hypot(other.x - viewer.x, other.z - viewer.z);
    const kept = current.has(other.id);
    let tier: number;
    if (other.hasFloor) tier = 0;
    else if (viewer.table >= 0 && other.table === viewer.table) tier = 1;
    else if (distance <= (kept ? NEAR_LEAVE_METRES : NEAR_ENTER_METRES)) tier = 2;
    else continue;
    ranked.push({ id: other.id, tier, distance: kept ? distance - KEEP_BONUS_METRES : distance });
  }
  ranked.sort((a, b) => a.tier - b.tier || a.distance - b.distance);
  const chosen = new Set<string>();
  for (let i = 0; i < ranked.length && chosen.size < limit; i++) chosen.add((ranked[i] as Ranked).id);
  return chosen;
}

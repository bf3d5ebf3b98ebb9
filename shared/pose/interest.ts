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
/**
 * Members of the current set count as this much closer when the cap has to choose (no flapping). Each
 * swap resends a whole avatar and drops the hands of the one swapped out to rest. In the benchmark's
 * crowd of 300 all walking at once, swaps per 50 ms patch over all viewers were about 64 with 1 m, 55
 * with 2 m and 40 with 4 m: people walking through the edge of someone's nearest twenty cause most of
 * them whatever the bonus, and a larger one keeps people in full who are clearly farther away.
 */
export const KEEP_BONUS_METRES = 2;

export interface InterestSubject {
  readonly id: string;
  readonly x: number;
  readonly z: number;
  /** Discussion table, -1 in the plenary. */
  readonly table: number;
  readonly hasFloor: boolean;
}

/** Tiers (0 floor holder, 1 table mate, 2 near) rank before distance: a tier outweighs any distance. */
const TIER_WEIGHT = 1e6;

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
  // Runs for a fifth of a full hall's viewers at every patch, over everyone: compare squared
  // distances, take a square root only for the few who qualify, and keep the best `limit` in a small
  // sorted array instead of sorting everyone near.
  const enterSquared = NEAR_ENTER_METRES * NEAR_ENTER_METRES;
  const leaveSquared = NEAR_LEAVE_METRES * NEAR_LEAVE_METRES;
  const ids: string[] = [];
  const ranks: number[] = [];
  for (const other of everyone) {
    if (other.id === viewer.id) continue;
    const dx = other.x - viewer.x;
    const dz = other.z - viewer.z;
    const squared = dx * dx + dz * dz;
    let tier: number;
    if (other.hasFloor) tier = 0;
    else if (viewer.table >= 0 && other.table === viewer.table) tier = 1;
    else if (squared <= enterSquared || (squared <= leaveSquared && current.has(other.id))) tier = 2;
    else continue;
    const distance = Math.sqrt(squared) - (current.has(other.id) ? KEEP_BONUS_METRES : 0);
    const rank = tier * TIER_WEIGHT + distance;
    const full = ranks.length >= limit;
    if (full && (limit <= 0 || rank >= (ranks[limit - 1] as number))) continue;
    // Insert in order; ties keep the earlier one first, and a full array drops its last.
    let at = full ? limit - 1 : ranks.length;
    while (at > 0 && (ranks[at - 1] as number) > rank) {
      ranks[at] = ranks[at - 1] as number;
      ids[at] = ids[at - 1] as string;
      at--;
    }
    ranks[at] = rank;
    ids[at] = other.id;
  }
  return new Set(ids);
}

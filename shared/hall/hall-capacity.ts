/**
 * How many people one hall admits: every seat, plus standing room on the floor and in the aisles, up
 * to the crowd one room was measured to carry within its targets (300 walking bots in the sync
 * benchmark, docs/performance.md). Past it, newcomers are told the hall is full at the door.
 */
import { SEATS } from "./hall-geometry.ts";

export const HALL_CAPACITY = 300;

/** People who find no seat but still fit: 23 beside the hall's 277 seats. */
export const STANDING_ROOM = HALL_CAPACITY - SEATS.length;

/**
 * Whether a hall whose room holds or has reserved `present` places lets one more in. Facilitators
 * always get in: whoever runs the consultation must be able to reach it.
 */
export function hallAdmits(present: number, facilitator: boolean, capacity = HALL_CAPACITY): boolean {
  return facilitator || present < capacity;
}

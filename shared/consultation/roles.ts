/** Who may run the room: the facilitator (holder of the facilitator link) and the co-facilitators they promote. */
import type { Role } from "../protocol/roles.ts";

export function isFacilitating(role: string): boolean {
  return role === "facilitator" || role === "co_facilitator";
}

/** Observers listen; everyone else may speak when the mode and the floor allow it. */
export function isSpeakerRole(role: string): boolean {
  return role !== "observer";
}

/** Roles a facilitator may hand out in the room; `facilitator` itself only comes from the facilitator link. */
export const ASSIGNABLE_ROLES = ["co_facilitator", "citizen", "observer"] as const satisfies readonly Role[];
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

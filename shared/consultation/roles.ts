/** Who may run the room: the facilitator (holder of the facilitator link) and the co-facilitators they promote. */
import type { Role } from "../protocol/roles.ts";

export function isFacilitating(role: string): boolean {
  return role === "facilitator" || role === "co_facilitator";
}

/** Speaks into an interpretation channel, never into the hall: not in the queue, never holds the floor. */
export function isInterpreter(role: string): boolean {
  return role === "interpreter";
}

/** Only people without facilitation rights become interpreters: a co-facilitator is demoted first. */
export function mayBecomeInterpreter(role: string): boolean {
  return role === "citizen" || role === "observer" || isInterpreter(role);
}

/**
 * Observers listen and interpreters speak only into their channel; everyone else may speak in the hall
 * when the mode and the floor allow it.
 */
export function isSpeakerRole(role: string): boolean {
  return role !== "observer" && !isInterpreter(role);
}

/** Roles a facilitator may hand out in the room; `facilitator` itself only comes from the facilitator link. */
export const ASSIGNABLE_ROLES = ["co_facilitator", "citizen", "observer"] as const satisfies readonly Role[];
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

/**
 * What a closed consultation still accepts. Closing freezes what the outcome report records (agenda,
 * polls, ballots, ideas, budget, tables, chat, speaking time) and ends the debate: the floor is taken
 * back, every hand comes down and open speaking ends (shared/consultation/speaking-mode.ts). Nothing may
 * start any of it again, so every action is refused once closed except winding down and keeping the
 * people still in the hall safe.
 */
import type { Action } from "./permissions.ts";

/**
 * Listed rather than the other way round so that an action added later is refused after closing until
 * someone decides it may outlive the report.
 */
const ALLOWED_ONCE_CLOSED: ReadonlySet<Action> = new Set<Action>([
  // Winding down: these end speaking, they never start it.
  "take_floor",
  "dismiss_hand",
  // People stay in the hall after closing; a facilitator must still be able to deal with abuse.
  "mute",
  "unmute",
  "mute_all",
  "move",
  "remove",
  "ban",
  "lock",
  "set_observer",
  "promote",
  "demote_facilitator",
  "list_people",
  "report",
  "read_audit",
  "rotate_facilitator_link",
  // A person's rights over their own data outlast the consultation.
  "own_data",
]);

export function isClosed(phase: string): boolean {
  return phase === "closed";
}

/** `consultation_closed` when the consultation's `phase` no longer allows `action`, otherwise undefined. */
export function closedRefusal(phase: string, action: Action): "consultation_closed" | undefined {
  return isClosed(phase) && !ALLOWED_ONCE_CLOSED.has(action) ? "consultation_closed" : undefined;
}

/**
 * One authorisation table for the room: which role may do what. The server checks it against its own
 * view of the sender's role; the client may use it to grey out what a user cannot do.
 */
import type { Role } from "../protocol/roles.ts";

export const ACTIONS = [
  /** Raise or lower one's own hand. */
  "raise_hand",
  /** Report another participant to the facilitators. */
  "report",
  /** Lower someone else's hand (take them out of the queue). */
  "dismiss_hand",
  "give_floor",
  "take_floor",
  "extend_floor",
  /** Switch between town-hall mode and open mode. */
  "set_mode",
  "mute",
  "unmute",
  "mute_all",
  /** Move someone to a seat. */
  "move",
  "remove",
  "ban",
  "lock",
  /** Make a citizen an observer or an observer a citizen. */
  "set_observer",
  /** Promote a citizen to co-facilitator, or demote a co-facilitator. */
  "promote",
  /** Read the audit log and receive reports. */
  "read_audit",
  /** Edit the agenda and move to the next or previous item. */
  "run_agenda",
  /** Create, open and close polls. */
  "run_polls",
  /** Cast (or replace) one's own ballot. */
  "vote",
  /** Post an idea and upvote ideas. */
  "post_idea",
  /** Pin, merge and hide ideas. */
  "curate_ideas",
  /** Set up and close the participatory budget. */
  "run_budget",
  /** Allocate one's own share of the budget. */
  "allocate_budget",
  /** Split into discussion tables, seat people, call everyone back. */
  "run_tables",
  /** Pick a table oneself when the facilitator lets people choose. */
  "choose_table",
  /** Upload slides and step through them. */
  "present_slides",
  /** Close the consultation and publish the outcome report. */
  "close_consultation",
  /** Write in the room's text chat (everyone reads it). */
  "chat",
  /** Hide a chat message, with a reason. */
  "hide_chat",
  /** Replace the facilitator link with a new one; the old link stops working. */
  "rotate_facilitator_link",
  /** Download what the consultation holds about oneself, or erase oneself ("Erase me"). */
  "own_data",
] as const;
export type Action = (typeof ACTIONS)[number];

const EVERYONE: readonly Role[] = ["facilitator", "co_facilitator", "citizen", "observer"];
const SPEAKERS: readonly Role[] = ["facilitator", "co_facilitator", "citizen"];
const FACILITATORS: readonly Role[] = ["facilitator", "co_facilitator"];
const LEAD_ONLY: readonly Role[] = ["facilitator"];

/** The table itself: action to the roles allowed to perform it. */
export const PERMISSIONS: Readonly<Record<Action, readonly Role[]>> = {
  raise_hand: SPEAKERS,
  report: EVERYONE,
  dismiss_hand: FACILITATORS,
  give_floor: FACILITATORS,
  take_floor: FACILITATORS,
  extend_floor: FACILITATORS,
  set_mode: FACILITATORS,
  mute: FACILITATORS,
  unmute: FACILITATORS,
  mute_all: FACILITATORS,
  move: FACILITATORS,
  remove: FACILITATORS,
  ban: FACILITATORS,
  lock: FACILITATORS,
  set_observer: FACILITATORS,
  promote: LEAD_ONLY,
  read_audit: FACILITATORS,
  run_agenda: FACILITATORS,
  run_polls: FACILITATORS,
  vote: SPEAKERS,
  post_idea: SPEAKERS,
  curate_ideas: FACILITATORS,
  run_budget: FACILITATORS,
  allocate_budget: SPEAKERS,
  run_tables: FACILITATORS,
  choose_table: SPEAKERS,
  present_slides: FACILITATORS,
  close_consultation: LEAD_ONLY,
  chat: SPEAKERS,
  hide_chat: FACILITATORS,
  rotate_facilitator_link: LEAD_ONLY,
  own_data: EVERYONE,
};

/** Whether `role` may perform `action` at all. Unknown roles may do nothing. */
export function can(role: string, action: Action): boolean {
  return (PERMISSIONS[action] as readonly string[]).includes(role);
}

/**
 * Whether someone with `actorRole` may act on someone with `targetRole` (mute, move, remove, ban,
 * change role). Nobody acts on a facilitator; co-facilitators act on citizens and observers only.
 */
export function mayTarget(actorRole: string, targetRole: string): boolean {
  if (targetRole === "facilitator") return false;
  if (actorRole === "facilitator") return true;
  if (actorRole === "co_facilitator") return targetRole === "citizen" || targetRole === "observer";
  return false;
}

/** The permission a role change needs: anything touching co-facilitators is a promotion or demotion. */
export function roleChangeAction(from: string, to: string): Action {
  return from === "co_facilitator" || to === "co_facilitator" ? "promote" : "set_observer";
}

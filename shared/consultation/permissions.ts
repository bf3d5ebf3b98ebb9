/**
 * One authorisation table for the room: which standing may do what. A standing is a role, or `lead`:
 * the facilitator who first entered through the facilitator link, who may do everything a facilitator
 * may and, alone, replace the link and demote or remove other facilitators. The server checks the table
 * against its own view of the sender; the client may use it to grey out what a user cannot do.
 */
import type { Role } from "../protocol/roles.ts";

/** A role, or `lead` for the one facilitator who first entered through the facilitator link. */
export type Standing = Role | "lead";

/** Someone as the table sees them: their current role and whether they are the lead. */
export interface Ranked {
  readonly id: string;
  readonly role: string;
}

/** The standing of `person` in a consultation whose lead facilitator is `leadId` ("" when none yet). */
export function standingOf(person: Ranked, leadId: string): string {
  return person.role === "facilitator" && leadId !== "" && person.id === leadId ? "lead" : person.role;
}

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
  /** Choose who may take part: open, by invitation, or signed in. */
  "set_access",
  /** Make a citizen an observer or an observer a citizen. */
  "set_observer",
  /** Promote a citizen to co-facilitator, or demote a co-facilitator. */
  "promote",
  /** Take facilitator rights from a facilitator or co-facilitator (they become a citizen). */
  "demote_facilitator",
  /** The list of everyone who came, present or not, with how each got facilitator rights. */
  "list_people",
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

const EVERYONE: readonly Standing[] = ["facilitator", "co_facilitator", "citizen", "observer"];
const SPEAKERS: readonly Standing[] = ["facilitator", "co_facilitator", "citizen"];
const FACILITATORS: readonly Standing[] = ["facilitator", "co_facilitator"];
const FACILITATOR_ONLY: readonly Standing[] = ["facilitator"];
const LEAD_ONLY: readonly Standing[] = ["lead"];

/**
 * The table itself: action to the standings allowed to perform it. The lead may also do whatever a
 * facilitator may (`can`).
 */
export const PERMISSIONS: Readonly<Record<Action, readonly Standing[]>> = {
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
  set_access: FACILITATORS,
  set_observer: FACILITATORS,
  promote: FACILITATOR_ONLY,
  demote_facilitator: LEAD_ONLY,
  list_people: FACILITATORS,
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
  close_consultation: FACILITATOR_ONLY,
  chat: SPEAKERS,
  hide_chat: FACILITATORS,
  rotate_facilitator_link: LEAD_ONLY,
  own_data: EVERYONE,
};

/**
 * Whether someone of `standing` (a role, or `lead`) may perform `action` at all. The lead may do all
 * that a facilitator may; unknown standings may do nothing.
 */
export function can(standing: string, action: Action): boolean {
  const allowed = PERMISSIONS[action] as readonly string[];
  return allowed.includes(standing) || (standing === "lead" && allowed.includes("facilitator"));
}

/**
 * Whether someone of `actorStanding` may act on someone of `targetStanding` (mute, move, remove, ban,
 * change role). Nobody acts on the lead; only the lead acts on other facilitators; facilitators act on
 * co-facilitators, citizens and observers; co-facilitators on citizens and observers only.
 */
export function mayTarget(actorStanding: string, targetStanding: string): boolean {
  if (targetStanding === "lead") return false;
  if (targetStanding === "facilitator") return actorStanding === "lead";
  if (actorStanding === "lead" || actorStanding === "facilitator") return true;
  if (actorStanding === "co_facilitator")
    return targetStanding === "citizen" || targetStanding === "observer";
  return false;
}

/**
 * The permission a role change needs: taking a facilitator's role is the lead's; anything else touching
 * co-facilitators is a promotion or demotion.
 */
export function roleChangeAction(from: string, to: string): Action {
  if (from === "facilitator" || from === "lead") return "demote_facilitator";
  return from === "co_facilitator" || to === "co_facilitator" ? "promote" : "set_observer";
}

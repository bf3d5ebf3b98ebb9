/**
 * A connection to the hall as the room keeps it, and who the server says its sender is: the checks every
 * command makes against the room's own view of the sender's role, never against what the client says.
 */
import type { Client } from "@colyseus/core";
import { closedRefusal } from "../../shared/consultation/closing.ts";
import { checkReason, checkTargetedAction, type Person } from "../../shared/consultation/moderation.ts";
import { type Action, can, type Ranked, standingOf } from "../../shared/consultation/permissions.ts";
import { MAX_POSES_PER_SECOND } from "../../shared/protocol/room-messages.ts";
import type { Participant, TownHallState } from "../../shared/state/town-hall-state.ts";
import type { SessionClaims } from "../auth/session-token.ts";
import { refused } from "./refusal.ts";
import { TokenBucket } from "./token-bucket.ts";

export interface Connection {
  readonly participantId: string;
  /**
   * Set for a facilitator's console (a second screen): the sender as of joining, used while the person
   * has no avatar in the hall. A console never moves, speaks or signals for the avatar.
   */
  readonly console: Participant | undefined;
  /** Hash of the device key this connection joined with, if any (a ban covers it). */
  readonly deviceKeyHash: string | undefined;
  readonly poses: TokenBucket;
  readonly errors: TokenBucket;
  readonly reports: TokenBucket;
  /**
   * Set when a facilitator removed or banned the participant: what this connection sent before it
   * closes, still waiting in the room's order, runs as nobody's.
   */
  ended: boolean;
}

/** What the matchmaking check hands to `onJoin`: the token's claims and the device key's hash. */
export interface Admission extends SessionClaims {
  readonly deviceKeyHash: string | undefined;
  readonly view: "hall" | "console";
}

export type HallClient = Client<{ userData: Connection; auth: Admission }>;

const ERROR_REPLIES_PER_SECOND = 5;
/** Reports a participant may file: a burst of three, then one every ten seconds. */
const REPORT_BURST = 3;
const REPORTS_PER_SECOND = 0.1;

export function newConnection(
  participantId: string,
  deviceKeyHash: string | undefined,
  console: Participant | undefined,
  now: number,
): Connection {
  return {
    participantId,
    console,
    deviceKeyHash,
    poses: new TokenBucket(MAX_POSES_PER_SECOND / 3, MAX_POSES_PER_SECOND, now),
    errors: new TokenBucket(ERROR_REPLIES_PER_SECOND, ERROR_REPLIES_PER_SECOND, now),
    reports: new TokenBucket(REPORT_BURST, REPORTS_PER_SECOND, now),
    ended: false,
  };
}

/** The sender as the room knows them: their avatar, or for a console without one, who opened it. */
export function participantOf(state: TownHallState, client: HallClient): Participant | undefined {
  const id = client.userData?.participantId;
  if (id === undefined || client.userData?.ended) return undefined;
  return state.participants.get(id) ?? client.userData?.console;
}

/** The sender's avatar, for what only the hall connection does (move, sit, speak, signal). */
export function avatarOf(state: TownHallState, client: HallClient): Participant | undefined {
  const id = client.userData?.participantId;
  return id === undefined || client.userData?.console || client.userData?.ended
    ? undefined
    : state.participants.get(id);
}

/** Someone as the rules see them: their standing is their role, or `lead` for the lead facilitator. */
export function ranked(state: TownHallState, person: Ranked): Person {
  return { id: person.id, role: standingOf(person, state.consultation.leadId) };
}

/**
 * The sender, allowed to do `action` by their current standing in the state and by the consultation's
 * phase (a closed one refuses what would change what its report froze).
 */
export function actorOf(state: TownHallState, client: HallClient, action?: Action): Participant {
  const actor = participantOf(state, client);
  if (!actor || (action !== undefined && !can(ranked(state, actor).role, action))) refused("not_allowed");
  const closed = action === undefined ? undefined : closedRefusal(state.consultation.phase, action);
  if (closed) refused(closed);
  return actor;
}

/**
 * Someone present whom `actor` may act on with `action`. The closed rule is checked here too: these
 * actions name no action to `actorOf`, because whether one may act on others depends on the target.
 */
export function targetOf(
  state: TownHallState,
  actor: Participant,
  action: Action,
  targetId: string,
): Participant {
  const target = state.participants.get(targetId);
  const check = checkTargetedAction(ranked(state, actor), action, target && ranked(state, target));
  if (!check.ok || !target) refused(check.ok ? "unknown_participant" : check.code);
  const closed = closedRefusal(state.consultation.phase, action);
  if (closed) refused(closed);
  return target;
}

export function reasonOf(raw: string): string {
  const checked = checkReason(raw);
  if (!checked.ok) refused(checked.code);
  return checked.text;
}

/**
 * Rules for acting on another participant: checked after the action's permission, before anything
 * changes. Each returns `{ ok: true }` or the stable code of the refusal.
 */
import { type Action, can, mayTarget, roleChangeAction } from "./permissions.ts";
import type { AssignableRole } from "./roles.ts";

export type Check<Code extends string> = { ok: true } | { ok: false; code: Code };

export type TargetRefusal =
  | "not_allowed"
  | "unknown_participant"
  | "cannot_target_self"
  | "protected_participant";

/**
 * Someone as the rules see them. `role` is their standing (shared/consultation/permissions.ts): the
 * current role, or `lead` for the lead facilitator (`standingOf`).
 */
export interface Person {
  readonly id: string;
  readonly role: string;
}

/** May `actor` do `action` (mute, unmute, move, remove, ban, dismiss a hand) to `target`? */
export function checkTargetedAction(
  actor: Person,
  action: Action,
  target: Person | undefined,
): Check<TargetRefusal> {
  if (!can(actor.role, action)) return { ok: false, code: "not_allowed" };
  if (!target) return { ok: false, code: "unknown_participant" };
  if (target.id === actor.id) return { ok: false, code: "cannot_target_self" };
  if (!mayTarget(actor.role, target.role)) return { ok: false, code: "protected_participant" };
  return { ok: true };
}

/** May `actor` give `target` the role `to`? Promotions and demotions need `promote`, the rest `set_observer`. */
export function checkRoleChange(
  actor: Person,
  target: Person | undefined,
  to: AssignableRole,
): Check<TargetRefusal | "already_in_role"> {
  const action = roleChangeAction(target?.role ?? "citizen", to);
  const allowed = checkTargetedAction(actor, action, target);
  if (!allowed.ok) return allowed;
  if (target?.role === to) return { ok: false, code: "already_in_role" };
  return { ok: true };
}

/** Longest reason for a report, a removal or a ban. */
export const REASON_MAX = 280;
/** Control, format and private-use characters have no place in a reason shown to facilitators. */
const FORBIDDEN_IN_REASON = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}]/u;

export type ReasonResult = { ok: true; text: string } | { ok: false; code: "invalid_reason" };

/** A short single-line text: trimmed, whitespace collapsed, 1 to 280 characters, nothing invisible. */
export function checkReason(raw: string): ReasonResult {
  const text = raw
    .normalize("NFC")
    .replace(/[\r\n\t]+/g, " ")
    .trim()
    .replace(/\s+/gu, " ");
  if (text.length === 0 || [...text].length > REASON_MAX || FORBIDDEN_IN_REASON.test(text)) {
    return { ok: false, code: "invalid_reason" };
  }
  return { ok: true, text };
}

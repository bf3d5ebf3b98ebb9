/**
 * Who may take part in a consultation, and which door each mode refuses. `open`: anyone with the join
 * code (one person may come in more than once); `invitation`: only with a personal invitation;
 * `verified`: only after signing in with the operator's identity provider. The facilitator link opens
 * every mode: whoever runs the consultation must always get in.
 */
import type { AccessMode } from "../protocol/access-modes.ts";
import type { Door } from "../protocol/room-messages.ts";

/** Why `door` does not open a consultation in `mode`; undefined when it does. */
export function doorRefusal(
  mode: AccessMode,
  door: Door,
): "invitation_required" | "sign_in_required" | undefined {
  if (door === "facilitator_link") return undefined;
  if (mode === "verified") return door === "identity" ? undefined : "sign_in_required";
  if (mode === "invitation" && door === "join_code") return "invitation_required";
  // An invitation is a personal door and stays one in an open consultation.
  return undefined;
}

/**
 * Whether one person can have come in more than once, so that results must say so: only an open
 * consultation lets anyone with the join code in again as someone new.
 */
export function attendanceIsOpen(mode: AccessMode): boolean {
  return mode === "open";
}

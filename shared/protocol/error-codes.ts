/**
 * Stable error codes, the same over HTTP (`{ error: { code, message } }`) and over the room (an
 * `error` message with `{ code, message }`). Clients translate them through the `error.*` catalog keys.
 */
export const ERROR_CODES = [
  "invalid_request",
  "invalid_name",
  "invalid_color",
  "invalid_title",
  "unknown_code",
  "unknown_facilitator_key",
  "unknown_consultation",
  "invalid_session",
  "invalid_message",
  "unknown_message",
  "pose_out_of_hall",
  "seat_taken",
  "unknown_seat",
  "unknown_participant",
  "payload_too_large",
  "not_allowed",
  "room_locked",
  "banned",
  "removed",
  "not_in_queue",
  "queue_empty",
  "nobody_has_floor",
  "not_a_speaker",
  "floor_required",
  "muted_by_facilitator",
  "cannot_target_self",
  "protected_participant",
  "already_in_role",
  "invalid_reason",
  "rate_limited",
  "not_found",
  "internal",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  readonly code: ErrorCode;
  readonly message: string;
}

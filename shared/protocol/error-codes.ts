import { z } from "zod";

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
  "hall_full",
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
  "code_of_conduct_required",
  "invalid_code_of_conduct",
  "not_found",
  "consultation_closed",
  "agenda_end",
  "agenda_start",
  "agenda_in_progress",
  "unknown_agenda_item",
  "invalid_poll",
  "unknown_poll",
  "poll_not_open",
  "poll_already_open",
  "poll_closed",
  "invalid_ballot",
  "invalid_idea",
  "unknown_idea",
  "idea_hidden",
  "invalid_label",
  "invalid_chat_message",
  "unknown_chat_message",
  "chat_message_hidden",
  "invalid_budget",
  "budget_not_open",
  "invalid_allocation",
  "over_budget",
  "invalid_tables",
  "no_table_round",
  "unknown_table",
  "tables_assigned",
  "unknown_slide",
  "invalid_slide",
  "too_many_slides",
  "create_secret_required",
  "report_not_ready",
  "service_unavailable",
  "invalid_metrics_token",
  "internal",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorBody = z.strictObject({ code: z.enum(ERROR_CODES), message: z.string() });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Every refusal over HTTP. */
export const ErrorResponse = z.strictObject({ error: ErrorBody });
export type ErrorResponse = z.infer<typeof ErrorResponse>;

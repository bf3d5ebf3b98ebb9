/**
 * The room's one refusal: a rule said no before anything changed. Every command throws it with a stable
 * code; the pipeline answers the sender with the code and the text from the one catalogue below.
 */
import { ERROR_CODES, type ErrorBody, type ErrorCode } from "../../shared/protocol/error-codes.ts";
import { serverLog } from "../logging/rate-limited-log.ts";

const REFUSAL_TEXT: Partial<Record<ErrorCode, string>> = {
  not_allowed: "Your role does not allow this.",
  unknown_participant: "There is nobody with that id in the hall.",
  cannot_target_self: "You cannot do this to yourself.",
  protected_participant: "Your role does not allow this on that person.",
  already_in_role: "That person already has this role.",
  invalid_reason: "Give a reason of 1 to 280 characters, without control characters.",
  queue_empty: "Nobody has raised their hand.",
  nobody_has_floor: "Nobody has the floor.",
  not_in_queue: "That person has not raised their hand.",
  not_a_speaker: "Observers cannot be given the floor.",
  floor_required: "In town-hall mode, citizens speak when they have the floor.",
  muted_by_facilitator: "A facilitator has muted you.",
  consultation_closed: "This consultation is closed.",
  unknown_seat: "There is no such seat.",
  seat_taken: "Someone is already sitting there.",
  pose_out_of_hall: "A tracked part is outside the hall or out of reach.",
  over_budget: "That is more than the budget.",
  invalid_ballot: "This answer does not fit the poll.",
  poll_not_open: "This poll is not open.",
  rate_limited: "Too many at once. Please wait a moment.",
  voice_through_server: "Voice goes through the voice server here; peer-to-peer voice is off.",
  erased: "Your data in this consultation was erased at your request.",
};

export class Refusal extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message = REFUSAL_TEXT[code] ?? code) {
    super(message);
    this.code = code;
  }
}

export function refused(code: ErrorCode, message?: string): never {
  throw new Refusal(code, message);
}

/**
 * What the sender is told about an error: a refusal's code and text, the code and message of an error
 * from a shared rule that carries a known code, or, for anything unexpected (logged), `internal`.
 */
export function errorBody(error: unknown, type: string): ErrorBody {
  if (error instanceof Refusal) return { code: error.code, message: error.message };
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (ERROR_CODES as readonly string[]).includes(code))
    return { code: code as ErrorCode, message: (error as Error).message };
  serverLog.error(`Unexpected error while handling "${type}":`, error);
  return { code: "internal", message: "Something went wrong on the server." };
}

/**
 * The door (creating, previewing and joining consultations, replacing the facilitator link) answers
 * each address a limited number of times a minute: a script hammering it gets 429 `rate_limited`
 * instead of filling the store.
 */
import type { RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import { ApiError } from "./api-error.ts";

export const DOOR_ROUTES = [
  "/api/consultations",
  "/api/preview",
  "/api/join",
  "/api/facilitator-key",
  "/api/invitations",
];

/** Wrong invitation codes one address may try in a minute before every invitation code it sends is refused. */
export const INVITATION_GUESSES_PER_MINUTE = 10;

/**
 * Counts only requests that carry an invitation code and find no invitation (404): past ten a minute
 * from one address, 429 `rate_limited`, so that codes cannot be guessed by trying them.
 */
export function invitationGuessLimit(): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: INVITATION_GUESSES_PER_MINUTE,
    standardHeaders: false,
    legacyHeaders: false,
    skip: (req) => typeof (req.body as { invitationCode?: unknown } | undefined)?.invitationCode !== "string",
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 404,
    handler: (_req, res) => {
      const error = new ApiError(
        429,
        "rate_limited",
        "Too many wrong invitation codes from this address; wait a minute and check the code.",
      );
      res.status(429).json(error.toBody());
    },
  });
}

export function doorRateLimit(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    handler: (_req, res) => {
      const error = new ApiError(429, "rate_limited", "Too many requests from this address; wait a minute.");
      res.status(429).json(error.toBody());
    },
  });
}

/**
 * The door (creating, previewing and joining consultations, replacing the facilitator link) answers
 * each address a limited number of times a minute: a script hammering it gets 429 `rate_limited`
 * instead of filling the store.
 */
import type { RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import { ApiError } from "./api-error.ts";

export const DOOR_ROUTES = ["/api/consultations", "/api/preview", "/api/join", "/api/facilitator-key"];

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

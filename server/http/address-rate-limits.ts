/**
 * Limits per address on what fills the store or costs work: the door (creating, previewing and joining
 * consultations, replacing the facilitator link), creating consultations on its own, and slide uploads.
 * A script hammering one of them gets 429 `rate_limited`.
 *
 * With several processes (REDIS_URL) the counts live in the shared Redis, through `rate-limit-redis`,
 * the store the express-rate-limit authors keep, so that N processes do not allow N times the limit.
 * While Redis is unreachable the limits let requests through rather than closing the door: creating
 * and joining only need the database (docs/deployment.md).
 */
import type { Request, RequestHandler, Response } from "express";
import { rateLimit } from "express-rate-limit";
import type { Redis } from "ioredis";
import { type RedisReply, RedisStore } from "rate-limit-redis";
import { serverLog } from "../logging/rate-limited-log.ts";
import { ApiError } from "./api-error.ts";

export const DOOR_ROUTES = ["/api/consultations", "/api/preview", "/api/join", "/api/facilitator-key"];

export interface RateLimitSettings {
  /** Door requests per minute. */
  readonly doorPerMinute: number;
  /** Consultations created per hour. */
  readonly createPerHour: number;
  /** Slide uploads per minute: a PDF's pages arrive one upload each. */
  readonly slidesPerMinute: number;
  /** Wrong invitation codes per minute, at preview and join. */
  readonly invitationGuessesPerMinute: number;
}

interface Limit {
  /** Part of the Redis key, so that each limit counts on its own. */
  readonly name: string;
  readonly windowMs: number;
  readonly limit: number;
  readonly message: string;
  /** Requests this limit does not count at all. */
  readonly skip?: (req: Request) => boolean;
  /** When given, only the requests it calls failed are counted. */
  readonly failed?: (res: Response) => boolean;
}

function sharedCounts(redis: Redis, name: string): RedisStore {
  return new RedisStore({
    prefix: `plenum:rate:${name}:`,
    sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<RedisReply>,
  });
}

function addressLimit(limit: Limit, redis: Redis | undefined): RequestHandler {
  return rateLimit({
    windowMs: limit.windowMs,
    limit: limit.limit,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    ...(limit.skip ? { skip: limit.skip } : {}),
    ...(limit.failed
      ? {
          skipSuccessfulRequests: true,
          requestWasSuccessful: (_req: Request, res: Response) => !limit.failed?.(res),
        }
      : {}),
    // Through the rate-limited log: while Redis is away, every request would write the same error.
    ...(redis ? { store: sharedCounts(redis, limit.name), passOnStoreError: true, logger: serverLog } : {}),
    handler: (_req, res) => {
      res.status(429).json(new ApiError(429, "rate_limited", limit.message).toBody());
    },
  });
}

export interface AddressRateLimits {
  readonly door: RequestHandler;
  readonly create: RequestHandler;
  readonly slides: RequestHandler;
  /**
   * Counts wrong invitation codes only, so that a citizens' panel entering together from one address is
   * not slowed while a script trying codes is stopped. Mounted after the body is read.
   */
  readonly invitationGuesses: RequestHandler;
}

export function addressRateLimits(settings: RateLimitSettings, redis: Redis | undefined): AddressRateLimits {
  return {
    door: addressLimit(
      {
        name: "door",
        windowMs: 60_000,
        limit: settings.doorPerMinute,
        message: "Too many requests from this address; wait a minute.",
      },
      redis,
    ),
    create: addressLimit(
      {
        name: "create",
        windowMs: 3_600_000,
        limit: settings.createPerHour,
        message: "Too many consultations created from this address; try again within the hour.",
      },
      redis,
    ),
    invitationGuesses: addressLimit(
      {
        name: "invitation-guesses",
        windowMs: 60_000,
        limit: settings.invitationGuessesPerMinute,
        message: "Too many wrong invitation codes from this address; wait a minute and check your code.",
        skip: (req) =>
          typeof (req.body as { invitationCode?: unknown } | undefined)?.invitationCode !== "string",
        failed: (res) => res.statusCode === 404,
      },
      redis,
    ),
    slides: addressLimit(
      {
        name: "slides",
        windowMs: 60_000,
        limit: settings.slidesPerMinute,
        message: "Too many slides uploaded from this address; wait a minute.",
      },
      redis,
    ),
  };
}

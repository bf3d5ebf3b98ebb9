/**
 * What a process does while the shared Redis is unreachable, and once it answers again.
 *
 * - Joins, and the HTTP calls that need a room, are refused with `service_unavailable` (HTTP 503)
 *   instead of a driver's message; the person can simply try again.
 * - Colyseus writes some things to Redis without waiting for the answer (room counts, messages between
 *   processes). While Redis is down those writes fail, and the engine stops the whole process, with
 *   everyone in its halls, on a failure nobody handles: these are logged instead.
 * - Once Redis is back, the process lists its open rooms there again (a restarted Redis has lost them,
 *   and the next join would open a second room for the same consultation) and records its room count;
 *   the room list's own changes that failed meanwhile are written again by the driver (matchmaking.ts).
 */
import { matchMaker, ServerError } from "@colyseus/core";
import type { NextFunction, Request, Response } from "express";
import { ApiError } from "../http/api-error.ts";
import { MATCHMAKING_UNAVAILABLE, UNAVAILABLE_MESSAGE } from "../http/matchmaking-unavailable.ts";
import { serverLog } from "../logging/rate-limited-log.ts";
import type { RedisConnections } from "./matchmaking.ts";

export interface RedisOutageWatch {
  /** Turns an error from a route that needed Redis into a 503 while Redis is unreachable (express error middleware). */
  readonly apiErrors: (error: unknown, req: Request, res: Response, next: NextFunction) => void;
  /** Stops watching (at shutdown). */
  stop(): void;
}

/** A refusal meant for the caller (a 4xx), as opposed to a failure. */
function isRefusal(error: unknown): boolean {
  if (error instanceof ApiError) return true;
  const { code, status } = (error ?? {}) as { code?: unknown; status?: unknown };
  return [code, status].some((each) => typeof each === "number" && each >= 400 && each < 500);
}

/** Lists again the rooms this process runs that Redis does not know (the driver rewrites what failed meanwhile). */
async function relistRooms(): Promise<void> {
  await matchMaker.restoreMissingRoomCaches();
  await matchMaker.stats.persist(true);
}

/** Starts watching; Redis must already be connected. */
export function watchRedisOutage(redis: RedisConnections): RedisOutageWatch {
  const reachable = () => redis.roomList.status === "ready" && redis.presence.status === "ready";
  const fromOutage = (error: unknown) =>
    error instanceof Error && (error.name === "MaxRetriesPerRequestError" || !reachable());

  const invokeMethod = matchMaker.controller.invokeMethod;
  matchMaker.controller.invokeMethod = async function (...args) {
    try {
      return await invokeMethod.apply(this, args);
    } catch (error) {
      if (isRefusal(error) || !fromOutage(error)) throw error;
      // The code is the HTTP status.
      throw new ServerError(503, MATCHMAKING_UNAVAILABLE);
    }
  };

  const onRejection = (reason: unknown) => {
    // Anything else keeps the engine's behaviour: an unhandled failure stops the process.
    if (!fromOutage(reason)) throw reason;
    serverLog.warn("Redis is unreachable; a write to it failed:", (reason as Error).message);
  };
  process.on("unhandledRejection", onRejection);

  const onReady = () => {
    relistRooms().then(
      () => serverLog.info("Redis is reachable again; this process's rooms are listed there again."),
      (error: unknown) =>
        serverLog.warn("Redis is back, but listing this process's rooms again failed:", error),
    );
  };
  // The first connection was made before the server started: every "ready" from now on is a reconnection.
  redis.roomList.on("ready", onReady);

  return {
    apiErrors(error, _req, _res, next) {
      next(
        isRefusal(error) || !fromOutage(error)
          ? error
          : new ApiError(503, "service_unavailable", UNAVAILABLE_MESSAGE),
      );
    },
    stop() {
      matchMaker.controller.invokeMethod = invokeMethod;
      process.off("unhandledRejection", onRejection);
      redis.roomList.off("ready", onReady);
    },
  };
}

/**
 * Colyseus answers matchmaking (`POST /matchmake/...`) before express sees the request, so none of
 * express's limits or error bodies apply to it. This gate stands in front of it, in this order:
 *
 * 1. Colyseus reads the body whole, however large. Join options are a few hundred bytes: anything
 *    announcing more, or not announcing its length, is refused with 413 before a byte of it is read.
 *    This comes first, so that an oversized body is refused before anything else reads it.
 * 2. While this process shuts down, Colyseus answers 503 with an empty body that says it is JSON, which
 *    the SDK fails to parse ("Unexpected end of JSON input") and the browser can only report as a
 *    network failure; this answers with the body its other refusals have instead (the same words as
 *    while Redis is unreachable, server/rooms/redis-outage.ts).
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { matchMaker } from "@colyseus/core";
import { MATCHMAKING_UNAVAILABLE } from "./matchmaking-unavailable.ts";

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export const MATCHMAKING_MAX_BYTES = 16 * 1024;

export type MatchmakingRefusal = "too_large" | "unavailable";

/** Why a request must not reach Colyseus, if it must not; the body limit is checked first. */
export function matchmakingRefusal(
  req: Pick<IncomingMessage, "method" | "url" | "headers">,
  stopping: boolean,
  maxBytes = MATCHMAKING_MAX_BYTES,
): MatchmakingRefusal | undefined {
  if (req.method !== "POST" || !req.url?.startsWith("/matchmake/")) return undefined;
  const length = req.headers["content-length"];
  const tooLarge =
    length === undefined ? req.headers["transfer-encoding"] !== undefined : !(Number(length) <= maxBytes);
  if (tooLarge) return "too_large";
  return stopping ? "unavailable" : undefined;
}

const REFUSE: Record<MatchmakingRefusal, (req: IncomingMessage, res: ServerResponse) => void> = {
  too_large(req, res) {
    res.writeHead(413, { "content-type": "application/json", connection: "close" });
    res.end(
      JSON.stringify({ error: { code: "payload_too_large", message: "The request body is too large." } }),
    );
    // Destroyed, not drained: reading the oversized body is what this refusal avoids.
    req.destroy();
  },
  unavailable(req, res) {
    res.writeHead(503, { "content-type": "application/json", connection: "close" });
    res.end(JSON.stringify({ code: 503, error: MATCHMAKING_UNAVAILABLE }));
    req.resume();
  },
};

/** Wraps the server's request listeners (call after Colyseus has bound its routes). */
export function gateMatchmaking(server: Server): void {
  const listeners = server.listeners("request") as RequestListener[];
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const stopping = matchMaker.state === matchMaker.MatchMakerState.SHUTTING_DOWN;
    const refusal = matchmakingRefusal(req, stopping);
    if (refusal) {
      REFUSE[refusal](req, res);
      return;
    }
    for (const listener of listeners) listener.call(server, req, res);
  });
}

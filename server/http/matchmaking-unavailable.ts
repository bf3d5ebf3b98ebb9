/**
 * Matchmaking that cannot be served for a while: while Redis is unreachable (server/rooms/redis-outage.ts)
 * or while this process shuts down. For the second, Colyseus answers 503 with an empty body that says
 * it is JSON, which the SDK fails to parse ("Unexpected end of JSON input") and the browser can only
 * report as a network failure; this answers with the body its other refusals have instead.
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { matchMaker } from "@colyseus/core";

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export const UNAVAILABLE_MESSAGE =
  "The hall cannot be reached at the moment. Please try again in a little while.";

/** As matchmaking refusals read: the stable code, then the explanation (the client reads the code off the front). */
export const MATCHMAKING_UNAVAILABLE = `service_unavailable: ${UNAVAILABLE_MESSAGE}`;

/** Wraps the server's request listeners (call after Colyseus has bound its routes). */
export function refuseMatchmakingWhileStopping(server: Server): void {
  const listeners = server.listeners("request") as RequestListener[];
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const stopping = matchMaker.state === matchMaker.MatchMakerState.SHUTTING_DOWN;
    if (stopping && req.method === "POST" && req.url?.startsWith("/matchmake/")) {
      res.writeHead(503, { "content-type": "application/json", connection: "close" });
      res.end(JSON.stringify({ code: 503, error: MATCHMAKING_UNAVAILABLE }));
      req.resume();
      return;
    }
    for (const listener of listeners) listener.call(server, req, res);
  });
}

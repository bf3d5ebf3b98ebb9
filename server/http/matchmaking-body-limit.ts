/**
 * Colyseus answers matchmaking (`POST /matchmake/...`) before express sees the request, and reads the
 * body whole, however large. Join options are a few hundred bytes: anything announcing more, or not
 * announcing its length, is refused with 413 before a byte of it is read.
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export const MATCHMAKING_MAX_BYTES = 16 * 1024;

function announcesTooMuch(req: IncomingMessage, maxBytes: number): boolean {
  if (req.method !== "POST" || !req.url?.startsWith("/matchmake/")) return false;
  const length = req.headers["content-length"];
  if (length === undefined) return req.headers["transfer-encoding"] !== undefined;
  return !(Number(length) <= maxBytes);
}

/** Wraps the server's request listeners (call after Colyseus has bound its routes). */
export function limitMatchmakingBodies(server: Server, maxBytes = MATCHMAKING_MAX_BYTES): void {
  const listeners = server.listeners("request") as RequestListener[];
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (announcesTooMuch(req, maxBytes)) {
      res.writeHead(413, { "content-type": "application/json", connection: "close" });
      res.end(
        JSON.stringify({ error: { code: "payload_too_large", message: "The request body is too large." } }),
      );
      req.destroy();
      return;
    }
    for (const listener of listeners) listener.call(server, req, res);
  });
}

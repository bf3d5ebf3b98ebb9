/**
 * Gives each HTTP request an id (answered as `X-Request-Id`) and a log context, and writes one line
 * when it is answered, at debug level (a busy venue makes many). A 5xx answer is also written as an
 * error through the server's rate-limited log, so that a store outage answering every request with
 * 503 writes a few lines a minute, not one per request. No header, address or body is written.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import { pinoHttp } from "pino-http";
import { withLogContext } from "./log-context.ts";
import { serverLog } from "./rate-limited-log.ts";
import { currentLogger, loggedPath } from "./server-log.ts";

export function requestLog(): RequestHandler {
  const log = pinoHttp({
    logger: currentLogger(),
    genReqId: (_req: IncomingMessage, res: ServerResponse) => {
      const id = randomUUID();
      res.setHeader("X-Request-Id", id);
      return id;
    },
    customLogLevel: () => "debug",
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: loggedPath(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    wrapSerializers: false,
  });
  return (req, res, next) => {
    log(req, res);
    const requestId = String(req.id);
    res.once("finish", () => {
      if (res.statusCode >= 500)
        serverLog.error(`HTTP ${res.statusCode} ${req.method} ${loggedPath(req.originalUrl)}`, { requestId });
    });
    withLogContext({ requestId }, next);
  };
}

/**
 * `GET /metrics` for Prometheus: on a port of its own (`METRICS_PORT`, meant for a private network),
 * or on the public port only for a caller with `Authorization: Bearer <METRICS_TOKEN>`. Without
 * either, the public port has no metrics at all.
 */
import { timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import express, { type Request } from "express";
import { metricsRegistry } from "../metrics/hall-metrics.ts";
import { ApiError } from "./api-error.ts";

export const METRICS_ROUTE = "/metrics";

function bearerMatches(req: Request, token: string): boolean {
  const given = Buffer.from(/^Bearer (\S+)$/.exec(req.get("authorization") ?? "")?.[1] ?? "");
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

function metricsRouter(token: string | undefined): express.Router {
  const router = express.Router();
  router.get(METRICS_ROUTE, async (req, res) => {
    if (token !== undefined && !bearerMatches(req, token))
      throw new ApiError(
        401,
        "invalid_metrics_token",
        "The metrics need Authorization: Bearer <METRICS_TOKEN>.",
      );
    res.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });
  return router;
}

/** The public port's metrics route: a 404 unless a token is configured. */
export function publicMetricsRoutes(token: string | undefined): express.Router {
  if (token !== undefined) return metricsRouter(token);
  const router = express.Router();
  router.get(METRICS_ROUTE, () => {
    throw new ApiError(404, "not_found", "Metrics are not served on this port.");
  });
  return router;
}

/** Serves the metrics alone on their own port; resolves once it listens. */
export async function startMetricsServer(
  port: number,
  host: string,
  errors: express.ErrorRequestHandler,
): Promise<Server> {
  const app = express();
  app.disable("x-powered-by");
  app.use(metricsRouter(undefined));
  app.use(errors);
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  return server;
}

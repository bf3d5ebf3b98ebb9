/**
 * Wires one Plenum process: the store, the HTTP API, the built client and the Colyseus rooms, all on
 * one port. Tests start it the same way `npm start` does, on a free port and a temporary data folder.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { defineRoom, defineServer } from "@colyseus/core";
import { Encoder } from "@colyseus/schema";
import type express from "express";
import type { DestinationStream } from "pino";
import { ROOM_NAME } from "../shared/protocol/http-api.ts";
import { oidcClient } from "./auth/oidc-client.ts";
import { loadOrCreateSessionSecret } from "./auth/secrets.ts";
import type { PlenumConfig } from "./config.ts";
import { addressRateLimits, DOOR_ROUTES } from "./http/address-rate-limits.ts";
import { apiDescriptionRoutes, HTTP_OPERATIONS } from "./http/api-description.ts";
import { apiErrorHandler, apiRoutes } from "./http/api-routes.ts";
import { clientFiles } from "./http/client-files.ts";
import { applyCorsPolicy } from "./http/cors-policy.ts";
import { facilitatorLinkRoutes } from "./http/facilitator-link-routes.ts";
import { healthOf } from "./http/health-check.ts";
import { invitationRoutes } from "./http/invitation-routes.ts";
import { gateMatchmaking } from "./http/matchmaking-gate.ts";
import { publicMetricsRoutes, startMetricsServer } from "./http/metrics-routes.ts";
import { oidcRoutes } from "./http/oidc-routes.ts";
import { outcomeRoutes } from "./http/outcome-routes.ts";
import { securityHeaders } from "./http/security-headers.ts";
import { refuseJoinsWhileStoreUnavailable } from "./http/store-outage.ts";
import { loadOrCreateCertificate } from "./http/tls-certificate.ts";
import { serverLog } from "./logging/rate-limited-log.ts";
import { requestLog } from "./logging/request-log.ts";
import { configureLog } from "./logging/server-log.ts";
import { watchDependencies } from "./metrics/dependency-metrics.ts";
import { timedStore } from "./metrics/timed-store.ts";
import { FrameGuardedTransport } from "./rooms/frame-guard.ts";
import { hallOccupancy } from "./rooms/hall-calls.ts";
import { matchmakingFor } from "./rooms/matchmaking.ts";
import { watchRedisOutage } from "./rooms/redis-outage.ts";
import { createTownHallRoom } from "./rooms/town-hall-room.ts";
import type { ConsultationStore } from "./store/consultation-store.ts";
import { openStore } from "./store/open-store.ts";
import { startRetention } from "./store/retention.ts";
import { liveKitWebhookRoutes } from "./voice/livekit-webhook.ts";
import { type VoiceModeration, voiceModerationFor } from "./voice/voice-moderation.ts";

export interface RunningPlenum {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Mounts extra middleware before the built client (the dev server's hot reload). */
  readonly beforeClient?: (app: express.Application) => Promise<void>;
  /** Port of the dev server's hot reload websocket, which the page's security policy must then allow. */
  readonly hotReloadPort?: number;
  /** Replaces the voice enforcement chosen from the configuration (tests record what the room decided). */
  readonly voice?: VoiceModeration;
  /** Replaces the clock (tests of retention). */
  readonly now?: () => number;
  /** Receives the log lines instead of standard output (tests read them). */
  readonly logDestination?: DestinationStream;
  /** Wraps the opened store (tests slow down or fail its writes to drive commands into each other). */
  readonly wrapStore?: (store: ConsultationStore) => ConsultationStore;
}

/**
 * Room state encodes into a buffer of this size (Colyseus's default is 16 KB); past it, every join
 * reallocates and writes a warning, which a hall of a hundred people with a busy ideas wall reaches.
 */
Encoder.BUFFER_SIZE = 256 * 1024;

/** The version the API description names: the package's own. */
const VERSION = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
).version;

/** Largest websocket frame a client may send: a voice session description is a few kilobytes, a pose a few hundred bytes. */
const MAX_FRAME_BYTES = 16 * 1024;

export async function startPlenum(config: PlenumConfig, options: StartOptions = {}): Promise<RunningPlenum> {
  configureLog(config, options.logDestination);
  mkdirSync(config.dataDir, { recursive: true });
  const { redis, ...matchmaking } = await matchmakingFor(config);
  const outage = redis && watchRedisOutage(redis);
  const sessionSecret = loadOrCreateSessionSecret(config.sessionSecret, config.dataDir);
  const opened = await openStore(
    config.databaseUrl,
    config.databaseTimeouts,
    path.join(config.dataDir, "plenum.sqlite"),
    sessionSecret,
  );
  // Timed outside a test's wrapper: a write a test makes fail counts as a store error, as a real one would.
  const store = timedStore(options.wrapStore?.(opened) ?? opened);
  const now = options.now ?? (() => Date.now());
  const stopRetention = await startRetention(
    store,
    {
      retentionDays: config.retentionDays,
      deleteAfterDays: config.deleteAfterDays,
      reportDir: path.join(config.dataDir, "reports"),
    },
    now,
  );
  const voice = options.voice ?? voiceModerationFor(config.liveKit);
  const stopDependencies = watchDependencies({ redis, liveKitUrl: config.liveKit?.url });
  const httpServer = config.https
    ? createHttpsServer(await loadOrCreateCertificate(config.dataDir))
    : createServer();

  const server = defineServer({
    ...matchmaking,
    greet: false,
    logger: serverLog,
    transport: new FrameGuardedTransport({ server: httpServer, maxPayload: MAX_FRAME_BYTES }),
    rooms: {
      [ROOM_NAME]: defineRoom(
        createTownHallRoom({
          store,
          sessionSecret,
          now,
          voice,
          // Through LiveKit nobody's address goes to a peer: the room relays no peer-to-peer signals.
          peerToPeerVoice: !config.liveKit,
          reconnectGraceSeconds: config.reconnectGraceSeconds,
          hallCapacity: config.hallCapacity,
        }),
      ).filterBy(["consultationId"]),
    },
    express: async (app) => {
      app.disable("x-powered-by");
      app.use(requestLog());
      if (config.trustProxy > 0) app.set("trust proxy", config.trustProxy);
      app.use(securityHeaders({ liveKitUrl: config.liveKit?.url, hotReloadPort: options.hotReloadPort }));
      app.use(publicMetricsRoutes(config.metricsToken));
      const limits = addressRateLimits(
        {
          doorPerMinute: config.doorRateLimit,
          createPerHour: config.createRateLimit,
          slidesPerMinute: config.slideRateLimit,
          invitationGuessesPerMinute: config.invitationGuessLimit,
        },
        redis?.roomList,
      );
      app.use(DOOR_ROUTES, limits.door);
      app.post("/api/consultations", limits.create);
      app.post("/api/slides", limits.slides);
      app.use(apiDescriptionRoutes(HTTP_OPERATIONS, VERSION));
      app.use(liveKitWebhookRoutes(config.liveKit, voice));
      app.use(facilitatorLinkRoutes({ store, sessionSecret, now }));
      app.use(oidcRoutes({ store, sessionSecret, now, oidc: config.oidc && oidcClient(config.oidc) }));
      app.use(invitationRoutes({ store, sessionSecret, now }));
      app.use(outcomeRoutes({ store, sessionSecret, now, publisher: config.publisher }));
      app.use(
        apiRoutes({
          store,
          sessionSecret,
          now,
          sessionTtlSeconds: config.sessionTtlHours * 3600,
          createSecret: config.createSecret,
          hall: { capacity: config.hallCapacity, occupancy: hallOccupancy },
          health: () => healthOf({ store, redis, liveKitUrl: config.liveKit?.url }),
          voiceSettings: { liveKit: config.liveKit, meshStunUrls: config.meshStunUrls },
          invitationGuesses: limits.invitationGuesses,
          privacy: {
            ...(config.privacyController ? { controller: config.privacyController } : {}),
            ...(config.privacyContact ? { contact: config.privacyContact } : {}),
            retentionDays: config.retentionDays,
            voice: config.liveKit ? "livekit" : "peer_to_peer",
          },
        }),
      );
      await options.beforeClient?.(app);
      app.use(clientFiles(config.clientDir));
      if (outage) app.use(outage.apiErrors);
      app.use(apiErrorHandler);
    },
  });

  applyCorsPolicy(config.corsOrigins);
  const metricsServer =
    config.metricsPort === undefined
      ? undefined
      : await startMetricsServer(config.metricsPort, config.host, apiErrorHandler);
  const stopRefusingJoins = refuseJoinsWhileStoreUnavailable();
  server.onShutdown(() => {
    stopRefusingJoins();
    metricsServer?.close();
    stopDependencies();
    outage?.stop();
    stopRetention();
    return store.close();
  });
  await server.listen(config.port, config.host);
  gateMatchmaking(httpServer);
  const port = (httpServer.address() as AddressInfo).port;
  const shownHost = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
  return {
    port,
    url: `${config.https ? "https" : "http"}://${shownHost}:${port}`,
    async close() {
      await server.gracefullyShutdown(false);
    },
  };
}

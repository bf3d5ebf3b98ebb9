/**
 * What `/healthz` answers: this process's rooms and participants, and whether each service it depends
 * on answers. Each check is bounded, so that the health check itself answers while a service hangs.
 */
import { matchMaker } from "@colyseus/core";
import type { DependencyHealth, HealthResponse } from "../../shared/protocol/http-api.ts";
import type { RedisConnections } from "../rooms/matchmaking.ts";
import type { ConsultationStore } from "../store/consultation-store.ts";

/** Longest a health check waits for one service: load balancers give the whole check a few seconds. */
const CHECK_TIMEOUT_MS = 2000;

export interface HealthDeps {
  readonly store: ConsultationStore;
  readonly redis: RedisConnections | undefined;
  /** The LiveKit server's address (ws:// or http://, as configured). */
  readonly liveKitUrl: string | undefined;
}

async function answers(check: (signal: AbortSignal) => Promise<unknown>): Promise<DependencyHealth> {
  const signal = AbortSignal.timeout(CHECK_TIMEOUT_MS);
  const timedOut = new Promise<never>((_resolve, reject) =>
    signal.addEventListener("abort", () => reject(signal.reason), { once: true }),
  );
  try {
    await Promise.race([check(signal), timedOut]);
    return "ok";
  } catch {
    return "unavailable";
  }
}

/** LiveKit answers plain HTTP on its signalling port; any answer means it is up. */
function liveKitHttpUrl(url: string): string {
  return url.replace(/^ws(s?):/, "http$1:");
}

export async function healthOf(deps: HealthDeps): Promise<HealthResponse> {
  const { liveKitUrl, redis } = deps;
  const [store, livekit] = await Promise.all([
    answers(() => deps.store.ping()),
    liveKitUrl === undefined
      ? ("not_configured" as const)
      : answers((signal) =>
          fetch(liveKitHttpUrl(liveKitUrl), { signal }).then((response) => response.body?.cancel()),
        ),
  ]);
  const redisHealth: DependencyHealth = !redis
    ? "not_configured"
    : redis.roomList.status === "ready" && redis.presence.status === "ready"
      ? "ok"
      : "unavailable";
  // The engine's own counts, so that they still answer while Redis is unreachable.
  const { roomCount, ccu } = matchMaker.stats.local;
  return {
    status: store === "ok" ? "ok" : "unavailable",
    rooms: roomCount,
    participants: ccu,
    dependencies: { store, redis: redisHealth, livekit },
  };
}

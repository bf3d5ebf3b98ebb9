/**
 * Whether the services this process leans on answer, and which voice mode it runs, read at scrape time
 * so that the figure is never older than the scrape. A service that is not configured has no series at
 * all: an alert on `plenum_dependency_up == 0` then fires only for what the operator set up.
 */
import { Gauge } from "prom-client";
import type { RedisConnections } from "../rooms/matchmaking.ts";
import { liveKitHttpUrl } from "../voice/voice-moderation.ts";
import { metricsRegistry } from "./hall-metrics.ts";

/** A scrape waits this long for LiveKit's health answer; Prometheus's own default timeout is 10 s. */
const LIVEKIT_PROBE_MS = 2_000;

const DEPENDENCY_UP = "plenum_dependency_up";
const VOICE_MODE = "plenum_voice_mode";

export interface Dependencies {
  readonly redis: RedisConnections | undefined;
  readonly liveKitUrl: string | undefined;
}

async function liveKitAnswers(url: string): Promise<boolean> {
  try {
    const response = await fetch(liveKitHttpUrl(url), { signal: AbortSignal.timeout(LIVEKIT_PROBE_MS) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Registers the gauges for this process's services; returns how to take them off again (at shutdown). */
export function watchDependencies({ redis, liveKitUrl }: Dependencies): () => void {
  metricsRegistry.removeSingleMetric(DEPENDENCY_UP);
  metricsRegistry.removeSingleMetric(VOICE_MODE);
  new Gauge({
    name: DEPENDENCY_UP,
    help: "1 when a configured service answers (redis: both connections ready; livekit: its HTTP health), else 0",
    labelNames: ["dependency"],
    registers: [metricsRegistry],
    async collect() {
      if (redis)
        this.set(
          { dependency: "redis" },
          redis.roomList.status === "ready" && redis.presence.status === "ready" ? 1 : 0,
        );
      if (liveKitUrl) this.set({ dependency: "livekit" }, (await liveKitAnswers(liveKitUrl)) ? 1 : 0);
    },
  });
  const voice = new Gauge({
    name: VOICE_MODE,
    help: "The voice transport this process hands out: 1 for the mode in use (livekit or mesh)",
    labelNames: ["mode"],
    registers: [metricsRegistry],
  });
  voice.set({ mode: liveKitUrl ? "livekit" : "mesh" }, 1);
  return () => {
    metricsRegistry.removeSingleMetric(DEPENDENCY_UP);
    metricsRegistry.removeSingleMetric(VOICE_MODE);
  };
}

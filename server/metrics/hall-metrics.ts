/**
 * What an operator's Prometheus scrapes from one process, through `prom-client` (the maintained client
 * that also gives Node's own process metrics). Labels take values from fixed lists only (roles,
 * devices, message types, error codes, store operations), so that the number of series stays bounded
 * and no label can carry a pseudonym, a title or an id that leads to a person: a hall is an observation
 * in a histogram, never a label.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import {
  ALL_CLIENT_MESSAGE_TYPES,
  type AnyClientMessageType,
} from "../../shared/protocol/client-messages.ts";
import { ERROR_CODES, type ErrorCode } from "../../shared/protocol/error-codes.ts";
import { DEVICE_KINDS, ROLES } from "../../shared/protocol/roles.ts";
import { nextCommandId, withLogContext } from "../logging/log-context.ts";
import { serverLog } from "../logging/rate-limited-log.ts";

export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: "plenum_" });

/** The part of a hall's synced state the participant gauge reads at scrape time. */
export interface HallPeople {
  readonly participants: { values(): Iterable<{ role: string; device: string }> };
}

const openHalls = new Set<HallPeople>();
const KNOWN_ROLES: readonly string[] = ROLES;
const KNOWN_DEVICES: readonly string[] = DEVICE_KINDS;
const KNOWN_CODES: readonly string[] = ERROR_CODES;
/** A type the room does not accept is client input: it is counted under one name, never as itself. */
const OTHER = "other";

/** The commands a hall runs that are not a client's message: a name each, for the metrics and the log. */
export const ROOM_COMMANDS = [
  "join",
  "leave",
  "drop",
  "reconnect",
  "floor_check",
  "speaking_time",
  "interpretation_time",
  "slides_changed",
  "replace_facilitator_link",
  "revoke_invitation",
  "voice_joined",
  "shutdown",
] as const;
/** What a command is called in the metrics and the log: its message type, a room command, or `other`. */
export type CommandName = AnyClientMessageType | (typeof ROOM_COMMANDS)[number] | typeof OTHER;
const KNOWN_COMMANDS: ReadonlySet<string> = new Set([...ALL_CLIENT_MESSAGE_TYPES, ...ROOM_COMMANDS, OTHER]);

new Gauge({
  name: "plenum_halls",
  help: "Halls (consultation rooms) running in this process",
  registers: [metricsRegistry],
  collect() {
    this.set(openHalls.size);
  },
});

new Gauge({
  name: "plenum_participants",
  help: "People in the halls of this process, by role and device",
  labelNames: ["role", "device"],
  registers: [metricsRegistry],
  collect() {
    this.reset();
    for (const role of ROLES) for (const device of DEVICE_KINDS) this.set({ role, device }, 0);
    for (const hall of openHalls) {
      for (const { role, device } of hall.participants.values()) {
        if (KNOWN_ROLES.includes(role) && KNOWN_DEVICES.includes(device)) this.inc({ role, device });
      }
    }
  },
});

const joins = new Counter({
  name: "plenum_hall_joins_total",
  help: "Connections that entered a hall (a console counts too)",
  registers: [metricsRegistry],
});
const leaves = new Counter({
  name: "plenum_hall_leaves_total",
  help: "Connections that left a hall for good (after a drop, once the grace period ran out)",
  registers: [metricsRegistry],
});
const drops = new Counter({
  name: "plenum_hall_drops_total",
  help: "Connections lost without leaving (network, sleeping headset); the seat is held for a while",
  registers: [metricsRegistry],
});

const patchSeconds = new Histogram({
  name: "plenum_hall_patch_seconds",
  help: "Time one hall took to encode and send one state patch to its clients",
  buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1],
  registers: [metricsRegistry],
});
const patchBytes = new Histogram({
  name: "plenum_hall_patch_bytes",
  help: "Bytes of state patch frames one hall's patch sent to its clients, all clients together",
  buckets: [64, 256, 1024, 4096, 16_384, 65_536, 262_144, 1_048_576],
  registers: [metricsRegistry],
});

const commandSeconds = new Histogram({
  name: "plenum_command_seconds",
  help: "Time from a command being asked of a hall's command pipeline (a message, a join, a timer) to its end, waiting for the commands before it included",
  labelNames: ["command"],
  buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
  registers: [metricsRegistry],
});
const refusals = new Counter({
  name: "plenum_command_refusals_total",
  help: "Commands a hall's command pipeline refused, by the stable error code it answered",
  labelNames: ["code"],
  registers: [metricsRegistry],
});

export const storeQuerySeconds = new Histogram({
  name: "plenum_store_query_seconds",
  help: "Time of one store operation (SQLite or PostgreSQL)",
  labelNames: ["operation"],
  buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
  registers: [metricsRegistry],
});
export const storeErrors = new Counter({
  name: "plenum_store_errors_total",
  help: "Store operations that failed",
  labelNames: ["operation"],
  registers: [metricsRegistry],
});

/** Bytes of patch frames sent since the patch being timed began (the transport counts, see frame-guard.ts). */
let patchFrameBytes = 0;

/** The transport reports each state patch frame it sends; sending is synchronous within a patch. */
export function countPatchFrame(bytes: number): void {
  patchFrameBytes += bytes;
}

/**
 * What the room calls at the few moments that matter to an operator: each is counted, and written to
 * the log at debug level (a message at trace level), with nothing about the person.
 */
export const hallMetrics = {
  opened(hall: HallPeople): void {
    openHalls.add(hall);
  },
  closed(hall: HallPeople): void {
    openHalls.delete(hall);
  },
  joined(): void {
    joins.inc();
    serverLog.debug("A connection entered a hall");
  },
  left(): void {
    leaves.inc();
    serverLog.debug("A connection left a hall");
  },
  dropped(): void {
    drops.inc();
    serverLog.debug("A connection to a hall dropped; its seat is held");
  },
  refused(code: ErrorCode): void {
    const known = KNOWN_CODES.includes(code) ? code : OTHER;
    refusals.inc({ code: known });
    serverLog.debug("The room refused a message:", known);
  },
  /** Runs one hall's patch, timing it and adding up the bytes its frames took. */
  timedPatch(patch: () => boolean): boolean {
    patchFrameBytes = 0;
    const end = patchSeconds.startTimer();
    const changed = patch();
    end();
    if (patchFrameBytes > 0) patchBytes.observe(patchFrameBytes);
    return changed;
  },
  /**
   * Runs one command of a hall's pipeline (server/rooms/command-pipeline.ts) in a log context with its
   * own command id, timed under its name from when it is asked until it is done.
   */
  command<T>(name: CommandName, run: () => T): T {
    const command = KNOWN_COMMANDS.has(name) ? name : OTHER;
    return withLogContext({ commandId: nextCommandId(), command }, () => {
      const end = commandSeconds.startTimer({ command });
      const done = () => {
        const seconds = end();
        serverLog.trace("The room ran a command in", Math.round(seconds * 1e6) / 1000, "ms");
      };
      let result: T;
      try {
        result = run();
      } catch (error) {
        done();
        throw error;
      }
      // A pose is applied at once; every other command is a promise, timed until it settles.
      if (result instanceof Promise) return result.finally(done) as T;
      done();
      return result;
    });
  },
};

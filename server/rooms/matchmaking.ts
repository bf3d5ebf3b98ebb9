/**
 * Where rooms are listed and how processes talk: inside this one process by default, or through Redis
 * (Colyseus's Redis presence for pub/sub between processes, its Redis driver for the shared list of
 * rooms) when several Plenum processes serve the same consultations.
 */
import { type IRoomCache, type MatchMakerDriver, matchMaker, type Presence } from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
import { Redis } from "ioredis";
import { ConfigError, type PlenumConfig } from "../config.ts";

export interface Matchmaking {
  readonly presence?: Presence;
  readonly driver?: MatchMakerDriver;
  readonly publicAddress?: string;
  readonly selectProcessIdToCreateRoom?: (roomName: string) => Promise<string>;
}

/** The Redis hash in which the driver keeps room listings, keyed by room id. */
const ROOM_LISTINGS_KEY = "roomcaches";
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Records a new room only when no room with its id is listed yet. A consultation's room id is the
 * consultation's id, so when two processes create it at the same moment, the engine discards the
 * second one and seats its client in the first (`insert` is the engine's contract for this; the
 * published Redis driver does not implement it yet and overwrites instead).
 */
class FirstListingWinsDriver extends RedisDriver {
  readonly #redis: Redis;

  constructor(redis: Redis) {
    super(redis);
    this.#redis = redis;
  }

  async insert(room: IRoomCache): Promise<boolean> {
    return (await this.#redis.hsetnx(ROOM_LISTINGS_KEY, room.roomId, JSON.stringify(room))) === 1;
  }
}

/**
 * The process that gets a new consultation's room: the one with the fewest participants, then the fewest
 * rooms, then `self`. Counted from the shared room list, which is exact, rather than from the per-process
 * counters the engine picks by, which lag up to a second and so sent a burst of new rooms to one process.
 */
export function leastBusyProcess(
  processIds: readonly string[],
  rooms: readonly Pick<IRoomCache, "processId" | "clients">[],
  self: string,
): string {
  const load = new Map(processIds.map((id) => [id, { participants: 0, rooms: 0 }]));
  for (const room of rooms) {
    const counted = load.get(room.processId);
    if (!counted) continue;
    counted.participants += room.clients;
    counted.rooms += 1;
  }
  let best = self;
  let bestLoad = load.get(self);
  for (const [id, each] of load) {
    const better =
      !bestLoad ||
      each.participants < bestLoad.participants ||
      (each.participants === bestLoad.participants && each.rooms < bestLoad.rooms);
    if (better) {
      best = id;
      bestLoad = each;
    }
  }
  return best;
}

async function selectLeastBusyProcess(): Promise<string> {
  const [processes, rooms] = await Promise.all([matchMaker.stats.fetchAll(), matchMaker.query({})]);
  return leastBusyProcess(
    processes.map((each) => each.processId),
    rooms,
    matchMaker.processId,
  );
}

/** The Redis server's address without credentials, for messages. */
function shownAddress(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

/** Connects to Redis once before the server starts, so that a wrong REDIS_URL stops it with a clear message. */
async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 3,
  });
  redis.on("error", () => {
    // ioredis reconnects by itself and the presence logs the same outage; at start-up, the failure is reported below.
  });
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch (error) {
    redis.disconnect();
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError("REDIS_URL", `cannot reach Redis at ${shownAddress(url)} (${reason})`);
  }
}

export async function matchmakingFor(config: PlenumConfig): Promise<Matchmaking> {
  const publicAddress = config.publicAddress;
  if (!config.redisUrl) return { publicAddress };
  const redis = await connectRedis(config.redisUrl);
  return {
    presence: new RedisPresence(config.redisUrl),
    driver: new FirstListingWinsDriver(redis),
    publicAddress,
    selectProcessIdToCreateRoom: selectLeastBusyProcess,
  };
}

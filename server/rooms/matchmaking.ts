/**
 * Where rooms are listed and how processes talk: inside this one process by default, or through Redis
 * (Colyseus's Redis presence for pub/sub between processes, its Redis driver for the shared list of
 * rooms) when several Plenum processes serve the same consultations.
 */
import {
  type IRoomCache,
  initializeRoomCache,
  type MatchMakerDriver,
  matchMaker,
  type Presence,
  type SortOptions,
} from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { Query } from "@colyseus/redis-driver/Query";
import { RedisPresence } from "@colyseus/redis-presence";
import { Redis, type RedisOptions } from "ioredis";
import { ConfigError, type PlenumConfig } from "../config.ts";

/** The connections to the shared Redis, watched for outages (server/rooms/redis-outage.ts). */
export interface RedisConnections {
  /** The driver's: the room list. */
  readonly roomList: Redis;
  /** The presence's: messages between processes and their room counts. */
  readonly presence: Redis;
}

export interface Matchmaking {
  readonly presence?: Presence;
  readonly driver?: MatchMakerDriver;
  readonly publicAddress?: string;
  readonly selectProcessIdToCreateRoom?: (roomName: string) => Promise<string>;
  readonly redis?: RedisConnections;
}

/** The Redis hash in which the driver keeps room listings, keyed by room id. */
const ROOM_LISTINGS_KEY = "roomcaches";
const CONNECT_TIMEOUT_MS = 5_000;
const RECONNECT_AT_MOST_EVERY_MS = 1_000;

/**
 * Every connection to Redis. ioredis keeps a command for up to 20 reconnection attempts by default
 * (ten seconds and more) while Redis is down; here a command fails after one, so a join is refused
 * within about a second, and a reconnection is tried every second at most, so Redis coming back is
 * noticed within a second too.
 */
const REDIS_OPTIONS = {
  connectTimeout: CONNECT_TIMEOUT_MS,
  maxRetriesPerRequest: 1,
  retryStrategy: (attempt: number) => Math.min(attempt * 100, RECONNECT_AT_MOST_EVERY_MS),
} satisfies RedisOptions;

/**
 * The published Redis driver with three changes.
 * - A new room is recorded only when no room with its id is listed yet: a consultation's room id is the
 *   consultation's id, so when two processes create it at the same moment, the engine discards the
 *   second one and seats its client in the first (`insert` is the engine's contract for this; the
 *   published driver does not implement it and overwrites instead).
 * - A failed read of the room list is not kept: the published driver shares one pending read between
 *   concurrent searches but forgets it only on success, so after one failure (Redis was down) every
 *   later search failed with it until the process restarted.
 * - Changes to this process's own listings (a participant came or went, a room closed) that fail while
 *   Redis is unreachable are kept and written once it is back. The engine waits for them before it lets
 *   a leaving client go, so failing them kept that client's connection open.
 */
class RoomListDriver extends RedisDriver {
  readonly #redis: Redis;
  #reading: Promise<IRoomCache[]> | undefined;
  /** Listings to write again once Redis is back, by room id; null for a listing to remove. */
  readonly #unwritten = new Map<string, IRoomCache | null>();

  constructor(redis: Redis) {
    super(redis);
    this.#redis = redis;
    redis.on("ready", () => {
      this.#writeAgain().catch(() => {
        // Redis went away again: the rest waits for the next reconnection.
      });
    });
  }

  async insert(room: IRoomCache): Promise<boolean> {
    return (await this.#redis.hsetnx(ROOM_LISTINGS_KEY, room.roomId, JSON.stringify(room))) === 1;
  }

  override update(room: IRoomCache, operations: Parameters<RedisDriver["update"]>[1]): Promise<boolean> {
    return this.#keepIfUnreachable(room.roomId, room, super.update(room, operations));
  }

  override persist(room: IRoomCache, create?: boolean): Promise<boolean> {
    return this.#keepIfUnreachable(room.roomId, room, super.persist(room, create));
  }

  override remove(roomId: string): Promise<boolean> {
    return this.#keepIfUnreachable(roomId, null, super.remove(roomId));
  }

  async #keepIfUnreachable(
    roomId: string,
    latest: IRoomCache | null,
    write: Promise<boolean>,
  ): Promise<boolean> {
    try {
      const written = await write;
      this.#unwritten.delete(roomId);
      return written;
    } catch (error) {
      if (this.#redis.status === "ready") throw error;
      this.#unwritten.set(roomId, latest);
      return false;
    }
  }

  async #writeAgain(): Promise<void> {
    for (const [roomId, listing] of this.#unwritten) {
      if (listing) await this.#redis.hset(ROOM_LISTINGS_KEY, roomId, JSON.stringify(listing));
      else await this.#redis.hdel(ROOM_LISTINGS_KEY, roomId);
      // A newer change may have been kept meanwhile: only the one just written is done.
      if (this.#unwritten.get(roomId) === listing) this.#unwritten.delete(roomId);
    }
  }

  override query(conditions: Partial<IRoomCache>, sortOptions?: SortOptions): Promise<IRoomCache[]> {
    return this.#search(conditions, sortOptions).all();
  }

  override async findOne(conditions: Partial<IRoomCache>, sortOptions?: SortOptions): Promise<IRoomCache> {
    if (conditions.roomId !== undefined) return super.findOne(conditions, sortOptions);
    const [first] = await this.#search(conditions, sortOptions).all();
    // The engine's contract says IRoomCache, but every driver answers undefined when nothing matches.
    return first as IRoomCache;
  }

  #search(conditions: Partial<IRoomCache>, sortOptions?: SortOptions): Query<IRoomCache> {
    const search = new Query<IRoomCache>(this.#listings(), conditions);
    return sortOptions ? search.sort(sortOptions) : search;
  }

  /** Every listing, read once for all the searches that ask meanwhile, and forgotten once answered. */
  #listings(): Promise<IRoomCache[]> {
    this.#reading ??= this.#redis
      .hgetall(ROOM_LISTINGS_KEY)
      .then((listings) => Object.values(listings).map((each) => initializeRoomCache(JSON.parse(each))))
      .finally(() => {
        this.#reading = undefined;
      });
    return this.#reading;
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
  const redis = new Redis(url, { ...REDIS_OPTIONS, lazyConnect: true });
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
  const roomList = await connectRedis(config.redisUrl);
  // The presence makes its subscriber connection as a copy of this one, with the same settings.
  const presence = new Redis(config.redisUrl, REDIS_OPTIONS);
  return {
    presence: new RedisPresence(presence),
    driver: new RoomListDriver(roomList),
    publicAddress,
    selectProcessIdToCreateRoom: selectLeastBusyProcess,
    redis: { roomList, presence },
  };
}

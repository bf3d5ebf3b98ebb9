/**
 * Configuration comes from environment variables (and an optional `.env`), read and checked here once
 * at start-up. A bad value stops the server with a message that names the variable.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { HALL_CAPACITY } from "../shared/hall/hall-capacity.ts";

export interface PlenumConfig {
  /** TCP port for HTTP and websockets; 0 picks a free one (tests). */
  readonly port: number;
  readonly host: string;
  /** Folder for the SQLite file and generated secrets. */
  readonly dataDir: string;
  /** Secret that signs session tokens; generated and kept in the data folder when not set. */
  readonly sessionSecret: string | undefined;
  readonly sessionTtlHours: number;
  /** Folder with the built client, served as static files. */
  readonly clientDir: string;
  /** A LiveKit server for voice; without one, voice runs peer to peer, signalled through the room. */
  readonly liveKit: LiveKitSettings | undefined;
  /**
   * `livekit`: the operator requires voice through LiveKit (the server refuses to start without it, and
   * never falls back to peer to peer); `auto`: LiveKit when configured, else peer to peer.
   */
  readonly voiceMode: VoiceMode;
  /** STUN servers for peer-to-peer voice; none by default, so no third party learns who talks to whom. */
  readonly meshStunUrls: readonly string[];
  /** Serve HTTPS with a self-signed certificate kept in the data folder (headsets on the LAN need it). */
  readonly https: boolean;
  /** PostgreSQL connection string; without one, data goes to a SQLite file in the data folder. */
  readonly databaseUrl: string | undefined;
  /** How long PostgreSQL may take to accept a connection and to answer one statement. */
  readonly databaseTimeouts: DatabaseTimeouts;
  /** Days after a consultation's creation when everything it holds about people is purged. */
  readonly retentionDays: number;
  /** Days after a consultation's creation when it is deleted whole (its report kept as a file); off when undefined. */
  readonly deleteAfterDays: number | undefined;
  /** Requests per minute one address may make to the door (create, preview, join); more get 429. */
  readonly doorRateLimit: number;
  /** Wrong invitation codes per minute per address. */
  readonly invitationGuessLimit: number;
  /** When set, creating a consultation needs it: only the operator's staff create. */
  readonly createSecret: string | undefined;
  /** People one hall admits before newcomers are told it is full; facilitators always get in. */
  readonly hallCapacity: number;
  /** Consultations one address may create per hour. */
  readonly createRateLimit: number;
  /** Slide uploads one address may make per minute. */
  readonly slideRateLimit: number;
  /** Other sites' origins allowed to call the API from a browser; none by default. */
  readonly corsOrigins: readonly string[];
  /** Reverse proxies in front of the server whose X-Forwarded-For is believed (0: none). */
  readonly trustProxy: number;
  /** Seconds a dropped participant's seat, queue place and floor are held for them to come back. */
  readonly reconnectGraceSeconds: number;
  /** Redis for matchmaking across several processes; without it, rooms are matched inside this process. */
  readonly redisUrl: string | undefined;
  /** Host, port and path prefix at which browsers reach this very process (scheme-less, as Colyseus wants). */
  readonly publicAddress: string | undefined;
  /** A port of its own for `GET /metrics` (a private network's scraper); off by default. */
  readonly metricsPort: number | undefined;
  /** With it, `GET /metrics` is also served on the public port to a caller that shows it (Bearer). */
  readonly metricsToken: string | undefined;
  readonly logLevel: LogLevel;
  /** `json`: one JSON object a line, for a collector; `pretty`: readable lines for a person at a console. */
  readonly logFormat: LogFormat;
  /** Who publishes the open data, for the DCAT-AP metadata of the outcome export. */
  readonly publisher: PublisherSettings;
  /** Who is responsible for the data (the data controller), named in the door's privacy notice. */
  readonly privacyController: string | undefined;
  /** How to reach them about the data: an e-mail address or a web address, shown at the door. */
  readonly privacyContact: string | undefined;
  /** The OpenID Connect provider citizens of verified consultations sign in with; none by default. */
  readonly oidc: OidcSettings | undefined;
}

export interface OidcSettings {
  readonly issuer: URL;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Where the provider sends people back: this server's `/auth/oidc/callback`, as registered there. */
  readonly redirectUrl: URL;
}

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ["json", "pretty"] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface PublisherSettings {
  readonly name: string;
  /** A web page of the publisher (DCAT-AP wants a resource, not only a name); unset when not given. */
  readonly url: string | undefined;
  /** The licence the outcomes are published under, as the address of the licence. */
  readonly licence: string;
}

export interface DatabaseTimeouts {
  readonly connectMs: number;
  readonly statementMs: number;
}

export const VOICE_MODES = ["auto", "livekit"] as const;
export type VoiceMode = (typeof VOICE_MODES)[number];

export interface LiveKitSettings {
  readonly url: string;
  readonly apiKey: string;
  readonly apiSecret: string;
}

export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, problem: string) {
    super(`Configuration error in ${variable}: ${problem}`);
    this.variable = variable;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `expected a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** Every variable Plenum reads, its default, and what it does: the README's table is kept in step with this. */
export const CONFIG_VARIABLES = [
  ["PORT", "8080", "Port for the web app, the HTTP API and the room websocket"],
  ["HOST", "0.0.0.0", "Address to listen on"],
  ["DATA_DIR", "./data", "Folder for the SQLite database and generated secrets"],
  [
    "CLIENT_DIR",
    "./dist/client",
    "Folder of the built web client this process serves (npm run build writes it)",
  ],
  ["SESSION_SECRET", "(generated into DATA_DIR)", "Secret that signs session tokens; at least 32 characters"],
  ["SESSION_TTL_HOURS", "12", "How long a session token stays valid"],
  ["LIVEKIT_URL", "(unset: peer-to-peer voice)", "LiveKit server for voice, e.g. wss://voice.example.org"],
  ["LIVEKIT_API_KEY", "(unset)", "API key of that LiveKit server"],
  ["LIVEKIT_API_SECRET", "(unset)", "API secret of that LiveKit server"],
  [
    "VOICE_MODE",
    "auto",
    "auto: LiveKit when configured, else peer to peer; livekit: voice only through LiveKit, and the server refuses to start without it",
  ],
  [
    "MESH_STUN_URLS",
    "(none)",
    "STUN servers for peer-to-peer voice across home routers, comma-separated stun: addresses",
  ],
  [
    "PLENUM_HTTPS",
    "0",
    "1 serves HTTPS with a self-signed certificate kept in DATA_DIR (same as npm start -- --https)",
  ],
  [
    "DATABASE_URL",
    "(unset: SQLite in DATA_DIR)",
    "PostgreSQL connection string, e.g. postgres://plenum:secret@db:5432/plenum",
  ],
  [
    "DATABASE_CONNECT_TIMEOUT_MS",
    "5000",
    "Milliseconds PostgreSQL may take to accept a connection; past it the write is refused with service_unavailable",
  ],
  [
    "DATABASE_STATEMENT_TIMEOUT_MS",
    "10000",
    "Milliseconds one PostgreSQL statement may run; a stuck one is cancelled and its action refused with service_unavailable",
  ],
  [
    "RETENTION_DAYS",
    "30",
    "Days after a consultation's creation when personal data is purged; outcomes and reports stay",
  ],
  [
    "DELETE_AFTER_DAYS",
    "(unset: never)",
    "Days after a consultation's creation when it is deleted whole, slides included; its report is kept as a file in DATA_DIR/reports. At least RETENTION_DAYS",
  ],
  [
    "DOOR_RATE_LIMIT",
    "120",
    "Requests per minute one address may make to create, preview and join; more are answered 429",
  ],
  [
    "INVITATION_GUESS_LIMIT",
    "10",
    "Wrong invitation codes per minute one address may try at preview and join; more are answered 429",
  ],
  [
    "HALL_CAPACITY",
    "300",
    "People one hall admits (277 seats and standing room, as measured in docs/performance.md); facilitators always get in",
  ],
  [
    "CREATE_SECRET",
    "(unset: anyone may create)",
    "Creation code the create form asks for, so that only the operator's staff create consultations; at least 12 characters",
  ],
  ["CREATE_RATE_LIMIT", "20", "Consultations one address may create per hour; more are answered 429"],
  ["SLIDE_RATE_LIMIT", "60", "Slide uploads one address may make per minute; more are answered 429"],
  [
    "CORS_ORIGINS",
    "(none)",
    "Other sites allowed to call the API from a browser, comma-separated origins like https://example.org",
  ],
  ["TRUST_PROXY", "0", "Reverse proxies in front of Plenum whose X-Forwarded-For address is believed"],
  [
    "RECONNECT_GRACE_SECONDS",
    "30",
    "Seconds a participant whose connection dropped keeps their seat, queue place and floor while coming back",
  ],
  [
    "REDIS_URL",
    "(unset: one process)",
    "Redis shared by several Plenum processes for matchmaking, e.g. redis://redis:6379; needs PUBLIC_ADDRESS, SESSION_SECRET and DATABASE_URL",
  ],
  [
    "PUBLIC_ADDRESS",
    "(unset: the address the browser used)",
    "Where browsers reach this process's websocket, without scheme, e.g. hall.example.org/p1 or 10.0.0.5:8080",
  ],
  [
    "METRICS_PORT",
    "(unset: no metrics port)",
    "Port of its own for GET /metrics, for Prometheus on a private network",
  ],
  [
    "METRICS_TOKEN",
    "(unset)",
    "Serves GET /metrics on PORT too, to callers sending Authorization: Bearer <token>; at least 16 characters",
  ],
  ["LOG_LEVEL", "info", "Least severe log level written: fatal, error, warn, info, debug, trace or silent"],
  ["LOG_FORMAT", "json", "json writes one JSON object a line; pretty writes readable lines for a console"],
  ["PUBLISHER_NAME", "Plenum", "Who publishes the outcomes, named in the open-data (DCAT-AP) metadata"],
  [
    "PUBLISHER_URL",
    "(unset)",
    "Web page of the publisher for the open-data metadata, e.g. https://example.org",
  ],
  [
    "OIDC_ISSUER",
    "(unset: no verified consultations)",
    "OpenID Connect provider citizens of verified consultations sign in with, e.g. https://login.example.org/realms/city",
  ],
  ["OIDC_CLIENT_ID", "(unset)", "Client id Plenum is registered with at that provider"],
  ["OIDC_CLIENT_SECRET", "(unset)", "Client secret of that registration"],
  [
    "OIDC_REDIRECT_URL",
    "(unset)",
    "Address of this server's /auth/oidc/callback as registered at the provider, e.g. https://hall.example.org/auth/oidc/callback",
  ],
  [
    "OPEN_DATA_LICENCE",
    "https://creativecommons.org/licenses/by/4.0/",
    "Address of the licence the outcomes are published under, in the open-data metadata",
  ],
  [
    "PRIVACY_CONTROLLER",
    "(unset)",
    "Who is responsible for the data (the data controller), e.g. City of Ghent; named in the privacy notice at the door",
  ],
  [
    "PRIVACY_CONTACT",
    "(unset)",
    "How to reach the controller about the data: an e-mail address or an https:// address, shown at the door",
  ],
] as const;

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name]?.trim().toLowerCase() ?? "";
  if (raw === "") return fallback;
  if (!(values as readonly string[]).includes(raw))
    throw new ConfigError(name, `expected one of ${values.join(", ")}, got "${env[name]}"`);
  return raw as T;
}

function webAddress(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim() ?? "";
  if (raw === "") return undefined;
  if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol))
    throw new ConfigError(name, `expected an http:// or https:// address, got "${raw}"`);
  return raw;
}

function readMetricsToken(env: Env): string | undefined {
  const token = env.METRICS_TOKEN?.trim() ?? "";
  if (token === "") return undefined;
  if (token.length < 16 || /\s/.test(token))
    throw new ConfigError("METRICS_TOKEN", "must be at least 16 characters, without spaces");
  return token;
}

function readPublisher(env: Env): PublisherSettings {
  return {
    name: env.PUBLISHER_NAME?.trim() || "Plenum",
    url: webAddress(env, "PUBLISHER_URL"),
    licence: webAddress(env, "OPEN_DATA_LICENCE") ?? "https://creativecommons.org/licenses/by/4.0/",
  };
}

const OIDC_VARIABLES = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_REDIRECT_URL"] as const;

/** Plain HTTP only on this machine's loopback (a test provider): elsewhere sign-ins would travel in clear. */
function oidcAddress(name: string, raw: string): URL {
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  const loopback = url !== undefined && ["127.0.0.1", "[::1]", "localhost"].includes(url.hostname);
  if (!url || !(url.protocol === "https:" || (url.protocol === "http:" && loopback)))
    throw new ConfigError(name, `expected an https:// address (http:// only on loopback), got "${raw}"`);
  return url;
}

function readOidc(env: Env): OidcSettings | undefined {
  const values = OIDC_VARIABLES.map((name) => env[name]?.trim() ?? "");
  if (values.every((value) => value === "")) return undefined;
  const missing = OIDC_VARIABLES.find((_name, i) => values[i] === "");
  if (missing)
    throw new ConfigError(
      missing,
      "OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URL go together; set all four or none",
    );
  const [issuer = "", clientId = "", clientSecret = "", redirectUrl = ""] = values;
  const redirect = oidcAddress("OIDC_REDIRECT_URL", redirectUrl);
  if (redirect.pathname !== "/auth/oidc/callback" || redirect.search !== "" || redirect.hash !== "")
    throw new ConfigError(
      "OIDC_REDIRECT_URL",
      `expected this server's /auth/oidc/callback, e.g. https://hall.example.org/auth/oidc/callback, got "${redirectUrl}"`,
    );
  return { issuer: oidcAddress("OIDC_ISSUER", issuer), clientId, clientSecret, redirectUrl: redirect };
}

function readStunUrls(env: Env): string[] {
  const urls = (env.MESH_STUN_URLS ?? "")
    .split(",")
    .map((url) => url.trim())
    .filter((url) => url !== "");
  const bad = urls.find((url) => !/^stuns?:[^\s]+$/.test(url));
  if (bad) throw new ConfigError("MESH_STUN_URLS", `expected comma-separated stun: addresses, got "${bad}"`);
  return urls;
}

const LIVEKIT_VARIABLES = ["LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"] as const;

function flag(env: Env, name: string): boolean {
  const raw = env[name]?.trim().toLowerCase() ?? "";
  if (raw === "" || raw === "0" || raw === "false") return false;
  if (raw === "1" || raw === "true") return true;
  throw new ConfigError(name, `expected 1 or 0, got "${env[name]}"`);
}

function readLiveKit(env: Env): LiveKitSettings | undefined {
  const values = LIVEKIT_VARIABLES.map((name) => env[name]?.trim() ?? "");
  if (values.every((value) => value === "")) return undefined;
  const missing = LIVEKIT_VARIABLES.find((_name, i) => values[i] === "");
  if (missing)
    throw new ConfigError(
      missing,
      "LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET go together; set all three or none",
    );
  const [url = "", apiKey = "", apiSecret = ""] = values;
  if (!/^(wss?|https?):\/\/[^\s/]+/.test(url)) {
    throw new ConfigError(
      "LIVEKIT_URL",
      `expected a ws://, wss://, http:// or https:// address, got "${url}"`,
    );
  }
  return { url, apiKey, apiSecret };
}

function readVoiceMode(env: Env, liveKit: LiveKitSettings | undefined): VoiceMode {
  const raw = env.VOICE_MODE?.trim().toLowerCase() || "auto";
  if (!(VOICE_MODES as readonly string[]).includes(raw))
    throw new ConfigError("VOICE_MODE", `expected auto or livekit, got "${env.VOICE_MODE}"`);
  // Required means no quiet fallback: without a LiveKit server, voice would go peer to peer.
  if (raw === "livekit" && !liveKit)
    throw new ConfigError(
      "VOICE_MODE",
      "livekit requires a LiveKit server: set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET",
    );
  return raw as VoiceMode;
}

/** Text shown at the door as it is: one line, without control or invisible characters. */
const PLAIN_LINE = /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+$/u;
const PRIVACY_TEXT_MAX = 200;

function readPrivacyController(env: Env): string | undefined {
  const value = env.PRIVACY_CONTROLLER?.trim() ?? "";
  if (value === "") return undefined;
  if (value.length > PRIVACY_TEXT_MAX || !PLAIN_LINE.test(value))
    throw new ConfigError(
      "PRIVACY_CONTROLLER",
      `expected a name of at most ${PRIVACY_TEXT_MAX} characters on one line, without control characters`,
    );
  return value;
}

function readPrivacyContact(env: Env): string | undefined {
  const value = env.PRIVACY_CONTACT?.trim() ?? "";
  if (value === "") return undefined;
  const email = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(value);
  let web = false;
  try {
    const url = new URL(value);
    web = (url.protocol === "https:" || url.protocol === "http:") && /^https?:\/\/[^\s<>"]+$/.test(value);
  } catch {
    web = false;
  }
  if (value.length > PRIVACY_TEXT_MAX || !(email || web))
    throw new ConfigError(
      "PRIVACY_CONTACT",
      `expected an e-mail address (dpo@example.org) or a web address (https://example.org/privacy), got "${value.slice(0, 80)}"`,
    );
  return value;
}

function readCorsOrigins(env: Env): string[] {
  const origins = (env.CORS_ORIGINS ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter((origin) => origin !== "");
  const bad = origins.find((origin) => !/^https?:\/\/[^\s/]+$/.test(origin));
  if (bad)
    throw new ConfigError(
      "CORS_ORIGINS",
      `expected origins like https://example.org, comma-separated, got "${bad}"`,
    );
  return origins;
}

function readDatabaseUrl(env: Env): string | undefined {
  const url = env.DATABASE_URL?.trim() ?? "";
  if (url === "") return undefined;
  if (!/^postgres(ql)?:\/\/\S+$/.test(url))
    throw new ConfigError("DATABASE_URL", "expected a postgres:// or postgresql:// connection string");
  return url;
}

function readRedisUrl(env: Env): string | undefined {
  const url = env.REDIS_URL?.trim() ?? "";
  if (url === "") return undefined;
  if (!/^rediss?:\/\/\S+$/.test(url))
    throw new ConfigError("REDIS_URL", "expected a redis:// or rediss:// address, e.g. redis://redis:6379");
  return url;
}

/** `host[:port][/path]` with no scheme: the SDK puts ws:// or wss:// in front and the room's path after it. */
function readPublicAddress(env: Env, redisUrl: string | undefined): string | undefined {
  const address = env.PUBLIC_ADDRESS?.trim() ?? "";
  if (address === "") {
    if (redisUrl)
      throw new ConfigError(
        "PUBLIC_ADDRESS",
        "required with REDIS_URL: the address browsers reach this process at, e.g. hall.example.org/p1",
      );
    return undefined;
  }
  if (!/^([a-z0-9.-]+|\[[0-9a-f:.]+\])(:\d{1,5})?(\/[\w.~-]+)*$/i.test(address))
    throw new ConfigError(
      "PUBLIC_ADDRESS",
      `expected host[:port][/path] without scheme or trailing slash, e.g. hall.example.org/p1, got "${address}"`,
    );
  return address;
}

function readCreateSecret(env: Env): string | undefined {
  const secret = env.CREATE_SECRET ?? "";
  if (secret === "") return undefined;
  if (secret.trim().length < 12)
    throw new ConfigError(
      "CREATE_SECRET",
      "must be at least 12 characters long, or unset to let anyone create",
    );
  return secret;
}

function readDeleteAfterDays(env: Env, retentionDays: number): number | undefined {
  const raw = env.DELETE_AFTER_DAYS?.trim() ?? "";
  if (raw === "" || raw === "0") return undefined;
  const days = integer(env, "DELETE_AFTER_DAYS", 0, 1, 36500);
  if (days < retentionDays)
    throw new ConfigError(
      "DELETE_AFTER_DAYS",
      `must be at least RETENTION_DAYS (${retentionDays}): people are forgotten before a consultation is deleted`,
    );
  return days;
}

export function readConfig(env: Env = process.env, cwd = process.cwd()): PlenumConfig {
  const secret = env.SESSION_SECRET;
  if (secret !== undefined && secret !== "" && secret.length < 32) {
    throw new ConfigError("SESSION_SECRET", "must be at least 32 characters long");
  }
  const redisUrl = readRedisUrl(env);
  // Every process must accept the tokens and compute the ballot keys that the others issue.
  if (redisUrl && !secret)
    throw new ConfigError("SESSION_SECRET", "required with REDIS_URL: set the same secret on every process");
  const databaseUrl = readDatabaseUrl(env);
  // A SQLite file per process would give each process consultations the others cannot find.
  if (redisUrl && !databaseUrl)
    throw new ConfigError(
      "DATABASE_URL",
      "required with REDIS_URL: set the same PostgreSQL on every process",
    );
  const host = env.HOST?.trim() || "0.0.0.0";
  const retentionDays = integer(env, "RETENTION_DAYS", 30, 1, 3650);
  const liveKit = readLiveKit(env);
  return {
    port: integer(env, "PORT", 8080, 0, 65535),
    host,
    dataDir: path.resolve(cwd, env.DATA_DIR?.trim() || "data"),
    sessionSecret: secret || undefined,
    sessionTtlHours: integer(env, "SESSION_TTL_HOURS", 12, 1, 24 * 30),
    clientDir: path.resolve(cwd, env.CLIENT_DIR?.trim() || "dist/client"),
    liveKit,
    voiceMode: readVoiceMode(env, liveKit),
    meshStunUrls: readStunUrls(env),
    https: flag(env, "PLENUM_HTTPS"),
    databaseUrl,
    databaseTimeouts: {
      connectMs: integer(env, "DATABASE_CONNECT_TIMEOUT_MS", 5000, 100, 120_000),
      statementMs: integer(env, "DATABASE_STATEMENT_TIMEOUT_MS", 10_000, 100, 600_000),
    },
    retentionDays,
    deleteAfterDays: readDeleteAfterDays(env, retentionDays),
    doorRateLimit: integer(env, "DOOR_RATE_LIMIT", 120, 1, 1_000_000),
    invitationGuessLimit: integer(env, "INVITATION_GUESS_LIMIT", 10, 1, 1_000_000),
    hallCapacity: integer(env, "HALL_CAPACITY", HALL_CAPACITY, 1, 1000),
    createSecret: readCreateSecret(env),
    createRateLimit: integer(env, "CREATE_RATE_LIMIT", 20, 1, 1_000_000),
    slideRateLimit: integer(env, "SLIDE_RATE_LIMIT", 60, 1, 1_000_000),
    corsOrigins: readCorsOrigins(env),
    trustProxy: integer(env, "TRUST_PROXY", 0, 0, 10),
    reconnectGraceSeconds: integer(env, "RECONNECT_GRACE_SECONDS", 30, 1, 600),
    redisUrl,
    publicAddress: readPublicAddress(env, redisUrl),
    metricsPort: env.METRICS_PORT?.trim() ? integer(env, "METRICS_PORT", 0, 1, 65535) : undefined,
    metricsToken: readMetricsToken(env),
    logLevel: oneOf(env, "LOG_LEVEL", LOG_LEVELS, "info"),
    logFormat: oneOf(env, "LOG_FORMAT", LOG_FORMATS, "json"),
    publisher: readPublisher(env),
    privacyController: readPrivacyController(env),
    privacyContact: readPrivacyContact(env),
    oidc: readOidc(env),
  };
}

/** Loads `.env` from the working folder when there is one; real environment variables win. */
export function loadDotEnv(cwd = process.cwd()): void {
  const file = path.join(cwd, ".env");
  if (!existsSync(file)) return;
  const before = { ...process.env };
  process.loadEnvFile(file);
  Object.assign(process.env, before);
}

import { describe, expect, it } from "vitest";
import { issueSessionToken, verifySessionToken } from "../../server/auth/session-token.ts";
import { ConfigError, readConfig } from "../../server/config.ts";
import { TokenBucket } from "../../server/rooms/token-bucket.ts";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const claims = { consultationId: "c1", participantId: "p1", role: "citizen" as const, expiresAt: 2_000 };

describe("session tokens", () => {
  it("verify when genuine and unexpired", () => {
    expect(verifySessionToken(SECRET, issueSessionToken(SECRET, claims), 1_000)).toEqual(claims);
  });

  it("fail when expired, signed with another secret, tampered with or malformed", () => {
    const token = issueSessionToken(SECRET, claims);
    expect(verifySessionToken(SECRET, token, 2_000)).toBeUndefined();
    expect(verifySessionToken(`${SECRET}x`, token, 1_000)).toBeUndefined();
    const [version, payload, signature] = token.split(".");
    const promoted = Buffer.from(JSON.stringify({ c: "c1", p: "p1", r: "facilitator", e: 2_000 })).toString(
      "base64url",
    );
    expect(verifySessionToken(SECRET, `${version}.${promoted}.${signature}`, 1_000)).toBeUndefined();
    expect(verifySessionToken(SECRET, `${version}.${payload}`, 1_000)).toBeUndefined();
    for (const junk of ["", "v1..", 42, null, "v2.a.b", "x".repeat(5000)]) {
      expect(verifySessionToken(SECRET, junk, 1_000)).toBeUndefined();
    }
  });
});

describe("token bucket", () => {
  it("allows a burst, then the refill rate", () => {
    const bucket = new TokenBucket(3, 10, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(bucket.take(50)).toBe(false);
    expect(bucket.take(100)).toBe(true);
    let accepted = 0;
    for (let t = 1_000; t < 2_000; t += 5) if (bucket.take(t)) accepted++;
    expect(accepted).toBeGreaterThanOrEqual(10);
    expect(accepted).toBeLessThanOrEqual(13);
  });
});

describe("configuration", () => {
  it("has sensible defaults", () => {
    const config = readConfig({}, "/srv/plenum");
    expect(config).toMatchObject({
      port: 8080,
      host: "0.0.0.0",
      dataDir: "/srv/plenum/data",
      sessionTtlHours: 12,
      metricsPort: undefined,
      metricsToken: undefined,
      logLevel: "info",
      logFormat: "json",
      publisher: { name: "Plenum", url: undefined, licence: "https://creativecommons.org/licenses/by/4.0/" },
      oidc: undefined,
    });
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ SESSION_TTL_HOURS: "0" }, "SESSION_TTL_HOURS"],
    [{ SESSION_SECRET: "short" }, "SESSION_SECRET"],
    [{ METRICS_PORT: "0" }, "METRICS_PORT"],
    [{ METRICS_TOKEN: "too-short" }, "METRICS_TOKEN"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ LOG_FORMAT: "xml" }, "LOG_FORMAT"],
    [{ PUBLISHER_URL: "example.org" }, "PUBLISHER_URL"],
    [{ OPEN_DATA_LICENCE: "CC-BY" }, "OPEN_DATA_LICENCE"],
  ])("names the variable in the error for %j", (env, variable) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(variable);
  });
});

describe("LiveKit configuration", () => {
  it("is off when none of the three variables is set, on when all are", () => {
    expect(readConfig({}).liveKit).toBeUndefined();
    expect(
      readConfig({ LIVEKIT_URL: "wss://voice.example.org", LIVEKIT_API_KEY: "k", LIVEKIT_API_SECRET: "s" })
        .liveKit,
    ).toEqual({
      url: "wss://voice.example.org",
      apiKey: "k",
      apiSecret: "s",
    });
  });

  it("names the missing or malformed variable", () => {
    expect(() => readConfig({ LIVEKIT_URL: "wss://voice.example.org", LIVEKIT_API_KEY: "k" })).toThrow(
      "LIVEKIT_API_SECRET",
    );
    expect(() =>
      readConfig({ LIVEKIT_URL: "voice.example.org", LIVEKIT_API_KEY: "k", LIVEKIT_API_SECRET: "s" }),
    ).toThrow("LIVEKIT_URL");
  });
});

describe("peer-to-peer STUN configuration", () => {
  it("is empty by default and reads comma-separated stun: addresses", () => {
    expect(readConfig({}).meshStunUrls).toEqual([]);
    expect(
      readConfig({ MESH_STUN_URLS: " stun:a.example.org:3478 , stuns:b.example.org " }).meshStunUrls,
    ).toEqual(["stun:a.example.org:3478", "stuns:b.example.org"]);
  });

  it("names the variable when an address is not a STUN address", () => {
    expect(() => readConfig({ MESH_STUN_URLS: "https://stun.example.org" })).toThrow("MESH_STUN_URLS");
  });
});

import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../../server/config.ts";
import { corsHeadersFor } from "../../server/http/cors-policy.ts";
import { liveKitOrigins } from "../../server/http/security-headers.ts";

describe("HTTP policies", () => {
  it("answers CORS for listed origins only, never with credentials", () => {
    const allowed = ["https://partner.example"];
    expect(corsHeadersFor(allowed, "https://evil.example")).toEqual({});
    expect(corsHeadersFor(allowed, null)).toEqual({});
    expect(corsHeadersFor([], "https://partner.example")).toEqual({});
    const listed = corsHeadersFor(allowed, "https://partner.example");
    expect(listed["Access-Control-Allow-Origin"]).toBe("https://partner.example");
    expect(listed.Vary).toBe("Origin");
    expect(listed).not.toHaveProperty("Access-Control-Allow-Credentials");
  });

  it("lets the page reach the configured LiveKit server over its websocket and HTTP", () => {
    expect(liveKitOrigins(undefined)).toEqual([]);
    expect(liveKitOrigins("wss://voice.example.org")).toEqual([
      "wss://voice.example.org",
      "https://voice.example.org",
    ]);
    expect(liveKitOrigins("http://127.0.0.1:7880/")).toEqual([
      "ws://127.0.0.1:7880",
      "http://127.0.0.1:7880",
    ]);
  });

  it("reads the door rate limit, CORS origins and proxies, and names a bad value", () => {
    const config = readConfig({ CORS_ORIGINS: "https://a.example, http://b.example:8080", TRUST_PROXY: "1" });
    expect(config.corsOrigins).toEqual(["https://a.example", "http://b.example:8080"]);
    expect(config.trustProxy).toBe(1);
    expect(config.doorRateLimit).toBe(120);
    expect(readConfig({}).corsOrigins).toEqual([]);
    expect(() => readConfig({ CORS_ORIGINS: "*" })).toThrow(ConfigError);
    expect(() => readConfig({ CORS_ORIGINS: "https://a.example/path" })).toThrow(/CORS_ORIGINS/);
    expect(() => readConfig({ DOOR_RATE_LIMIT: "0" })).toThrow(/DOOR_RATE_LIMIT/);
  });

  it("limits creating consultations per hour and slide uploads per minute, and names a bad value", () => {
    expect(readConfig({})).toMatchObject({ createRateLimit: 20, slideRateLimit: 60 });
    expect(readConfig({ CREATE_RATE_LIMIT: "5", SLIDE_RATE_LIMIT: "100" })).toMatchObject({
      createRateLimit: 5,
      slideRateLimit: 100,
    });
    expect(() => readConfig({ CREATE_RATE_LIMIT: "-1" })).toThrow(/CREATE_RATE_LIMIT/);
    expect(() => readConfig({ SLIDE_RATE_LIMIT: "lots" })).toThrow(/SLIDE_RATE_LIMIT/);
  });

  it("lets anyone create unless CREATE_SECRET is set, and refuses a guessable one", () => {
    expect(readConfig({}).createSecret).toBeUndefined();
    expect(readConfig({ CREATE_SECRET: "our-staff-code-2026" }).createSecret).toBe("our-staff-code-2026");
    expect(() => readConfig({ CREATE_SECRET: "short" })).toThrow(/CREATE_SECRET/);
  });
});

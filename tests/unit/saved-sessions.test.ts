/**
 * What the browser keeps between visits (client/src/app/saved-sessions.ts, shared-device.ts), against
 * an in-memory stand-in for localStorage: a kept session ends with its token or when it is forgotten,
 * and on a shared device nothing about a person is kept at all, while the choice itself is.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { JoinResponse } from "../../shared/protocol/http-api.ts";

class MemoryStorage {
  readonly #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  key(index: number) {
    return [...this.#items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.#items.set(key, String(value));
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  clear() {
    this.#items.clear();
  }
  keys() {
    return [...this.#items.keys()].sort();
  }
}

const storage = new MemoryStorage();
vi.stubGlobal("localStorage", storage);
vi.stubGlobal("window", { addEventListener: () => undefined, removeEventListener: () => undefined });

let sessions: typeof import("../../client/src/app/saved-sessions.ts");
let shared: typeof import("../../client/src/app/shared-device.ts");
let profile: typeof import("../../client/src/app/saved-profile.ts");
let device: typeof import("../../client/src/net/device-key.ts");

beforeAll(async () => {
  shared = await import("../../client/src/app/shared-device.ts");
  sessions = await import("../../client/src/app/saved-sessions.ts");
  profile = await import("../../client/src/app/saved-profile.ts");
  device = await import("../../client/src/net/device-key.ts");
});

const NOW = Date.UTC(2026, 4, 1, 10);

function join(consultationId: string, expiresAt = NOW + 3_600_000): JoinResponse {
  return {
    consultationId,
    participantId: `p-${consultationId}`,
    sessionToken: "v1.x.y",
    expiresAt,
    role: "facilitator",
  };
}

beforeEach(() => {
  shared.setSharedDevice(false);
  storage.clear();
  device.renewDeviceKey();
});

describe("kept sessions", () => {
  it("are found until their token expires, then removed", () => {
    sessions.saveSession(join("c1"));
    expect(sessions.loadSession("c1", NOW)?.participantId).toBe("p-c1");
    expect(sessions.loadSession("c1", NOW + 3_600_000)).toBeUndefined();
    expect(storage.keys()).toEqual([]);
  });

  it("are swept when expired, unreadable, or kept without an expiry by an older version", () => {
    sessions.saveSession(join("live"));
    sessions.saveSession(join("old", NOW - 1));
    storage.setItem("plenum.session.legacy", JSON.stringify({ ...join("legacy"), expiresAt: undefined }));
    storage.setItem("plenum.session.broken", "{");
    storage.setItem("plenum.language", "nl");
    sessions.sweepSessions(NOW);
    expect(storage.keys()).toEqual(["plenum.language", "plenum.session.live"]);
  });

  it("are forgotten one consultation at a time (leaving the hall)", () => {
    sessions.saveSession(join("a"));
    sessions.saveSession(join("b"));
    sessions.forgetSession("a");
    expect(sessions.loadSession("a", NOW)).toBeUndefined();
    expect(sessions.loadSession("b", NOW)).toBeDefined();
  });

  it("never answer for another consultation than the one they were kept for", () => {
    storage.setItem("plenum.session.c2", JSON.stringify(join("c1")));
    expect(sessions.loadSession("c2", NOW)).toBeUndefined();
  });
});

describe("on a shared device", () => {
  it("turning it on forgets what earlier visits kept about people, and keeps device settings", () => {
    sessions.saveSession(join("c1"));
    profile.saveProfile({ name: "Previous person", color: "#3366cc" });
    const key = device.deviceKey();
    expect(storage.getItem("plenum.deviceKey")).toBe(key);
    storage.setItem("plenum.language", "fr");
    shared.setSharedDevice(true);
    expect(storage.keys()).toEqual(["plenum.language", "plenum.sharedDevice"]);
  });

  it("keeps no session, name, colour or device key, only the choice", () => {
    shared.setSharedDevice(true);
    sessions.saveSession(join("c1"));
    profile.saveProfile({ name: "Lotte", color: "#3366cc" });
    const key = device.deviceKey();
    expect(key).toMatch(/^[A-Za-z0-9_-]{16,128}$/);
    expect(storage.keys()).toEqual(["plenum.sharedDevice"]);
    expect(sessions.loadSession("c1", NOW)).toBeUndefined();
    expect(profile.loadProfile().name).toBe("");
    // The next person who borrows the device gets a key of their own.
    device.renewDeviceKey();
    expect(device.deviceKey()).not.toBe(key);
  });

  it("is remembered: a fresh page on the same browser starts with it on", async () => {
    shared.setSharedDevice(true);
    vi.resetModules();
    const again = await import("../../client/src/app/shared-device.ts");
    expect(again.isSharedDevice()).toBe(true);
    again.setSharedDevice(false);
    expect(storage.getItem("plenum.sharedDevice")).toBeNull();
  });
});

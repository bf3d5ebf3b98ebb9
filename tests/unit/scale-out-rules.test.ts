import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../../server/config.ts";
import { leastBusyProcess } from "../../server/rooms/matchmaking.ts";

const SECRET = "a-session-secret-of-at-least-32-characters";
const DATABASE_URL = "postgres://plenum:secret@db:5432/plenum";

describe("scale-out configuration", () => {
  it("is one process with no Redis and no announced address by default", () => {
    const config = readConfig({});
    expect(config.redisUrl).toBeUndefined();
    expect(config.publicAddress).toBeUndefined();
  });

  it("reads Redis with the address this process announces", () => {
    const config = readConfig({
      REDIS_URL: " redis://:pw@redis:6379/0 ",
      PUBLIC_ADDRESS: "hall.example.org/p1",
      SESSION_SECRET: SECRET,
      DATABASE_URL,
    });
    expect(config.redisUrl).toBe("redis://:pw@redis:6379/0");
    expect(config.publicAddress).toBe("hall.example.org/p1");
    expect(readConfig({ PUBLIC_ADDRESS: "10.0.0.5:8080" }).publicAddress).toBe("10.0.0.5:8080");
    expect(readConfig({ PUBLIC_ADDRESS: "[::1]:8080" }).publicAddress).toBe("[::1]:8080");
  });

  it.each([
    [
      { REDIS_URL: "redis:6379", PUBLIC_ADDRESS: "a.example.org", SESSION_SECRET: SECRET, DATABASE_URL },
      "REDIS_URL",
    ],
    [{ REDIS_URL: "redis://redis:6379", SESSION_SECRET: SECRET, DATABASE_URL }, "PUBLIC_ADDRESS"],
    [{ REDIS_URL: "redis://redis:6379", PUBLIC_ADDRESS: "a.example.org", DATABASE_URL }, "SESSION_SECRET"],
    [
      { REDIS_URL: "redis://redis:6379", PUBLIC_ADDRESS: "a.example.org", SESSION_SECRET: SECRET },
      "DATABASE_URL",
    ],
    [{ PUBLIC_ADDRESS: "wss://hall.example.org" }, "PUBLIC_ADDRESS"],
    [{ PUBLIC_ADDRESS: "hall.example.org/p1/" }, "PUBLIC_ADDRESS"],
    [{ PUBLIC_ADDRESS: "hall example.org" }, "PUBLIC_ADDRESS"],
  ])("names the variable in the error for %j", (env, variable) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(variable);
  });
});

describe("where a new consultation's room goes", () => {
  const room = (processId: string, clients: number) => ({ processId, clients });

  it("goes to the process with the fewest participants", () => {
    expect(leastBusyProcess(["a", "b"], [room("a", 40), room("b", 12), room("b", 20)], "a")).toBe("b");
  });

  it("between equally busy processes, goes to the one with fewer rooms, then stays here", () => {
    expect(leastBusyProcess(["a", "b"], [room("a", 0), room("a", 0)], "a")).toBe("b");
    expect(leastBusyProcess(["a", "b"], [], "b")).toBe("b");
    expect(leastBusyProcess(["a", "b"], [room("a", 3), room("b", 3)], "a")).toBe("a");
  });

  it("ignores rooms of processes that are no longer running", () => {
    expect(leastBusyProcess(["a", "b"], [room("gone", 0), room("a", 5)], "a")).toBe("b");
  });

  it("stays here when the list of processes does not know this one yet", () => {
    expect(leastBusyProcess([], [], "a")).toBe("a");
  });
});

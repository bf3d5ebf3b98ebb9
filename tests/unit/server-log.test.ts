import { afterEach, describe, expect, it } from "vitest";
import { withLogContext } from "../../server/logging/log-context.ts";
import { serverLog } from "../../server/logging/rate-limited-log.ts";
import { configureLog, loggedPath } from "../../server/logging/server-log.ts";
import { capturedLog } from "../support/captured-log.ts";

const settled = () => new Promise((resolve) => setTimeout(resolve, 50));

describe("the server's log", () => {
  afterEach(() => configureLog({ logLevel: "silent", logFormat: "json" }));

  it("writes one JSON object a line at the chosen level and above, with the context's ids and the error", () => {
    const { lines, stream } = capturedLog();
    configureLog({ logLevel: "warn", logFormat: "json" }, stream);
    serverLog.info("not written at warn");
    withLogContext({ commandId: "c7", command: "post_idea" }, () =>
      serverLog.error("Could not store speaking time:", new Error("disk full")),
    );
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? "") as Record<string, unknown>;
    expect(entry).toMatchObject({
      level: 50,
      msg: "Could not store speaking time:",
      commandId: "c7",
      command: "post_idea",
      err: { type: "Error", message: "disk full" },
    });
  });

  it("writes readable lines with LOG_FORMAT=pretty", async () => {
    const { lines, stream } = capturedLog();
    configureLog({ logLevel: "info", logFormat: "pretty" }, stream);
    serverLog.info("Plenum is running at http://localhost:8080");
    await settled();
    expect(lines[0]).toMatch(/INFO.*Plenum is running at http:\/\/localhost:8080/);
    expect(() => JSON.parse(lines[0] ?? "")).toThrow();
  });

  it("keeps facilitator keys, join codes and queries out of logged paths", () => {
    expect(loggedPath("/f/abcdefSECRET?x=1")).toBe("/f/…");
    expect(loggedPath("/j/K7P2QX")).toBe("/j/…");
    expect(loggedPath("/c/123/report.json?name=Ann")).toBe("/c/123/report.json");
  });
});

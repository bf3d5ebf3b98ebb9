import { createServer, type IncomingHttpHeaders, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  gateMatchmaking,
  MATCHMAKING_MAX_BYTES,
  matchmakingRefusal,
} from "../../server/http/matchmaking-gate.ts";

const join = (headers: IncomingHttpHeaders) => ({
  method: "POST",
  url: "/matchmake/joinOrCreate/town_hall",
  headers,
});

describe("the matchmaking gate's decision", () => {
  it("refuses a body announced too large, or not announced, and lets a small one through", () => {
    expect(matchmakingRefusal(join({ "content-length": String(MATCHMAKING_MAX_BYTES + 1) }), false)).toBe(
      "too_large",
    );
    expect(matchmakingRefusal(join({ "content-length": "lots" }), false)).toBe("too_large");
    expect(matchmakingRefusal(join({ "transfer-encoding": "chunked" }), false)).toBe("too_large");
    expect(
      matchmakingRefusal(join({ "content-length": String(MATCHMAKING_MAX_BYTES) }), false),
    ).toBeUndefined();
    expect(matchmakingRefusal(join({}), false)).toBeUndefined();
  });

  it("refuses joins while the process stops, but an oversized body is refused as such first", () => {
    expect(matchmakingRefusal(join({ "content-length": "200" }), true)).toBe("unavailable");
    expect(matchmakingRefusal(join({ "content-length": String(MATCHMAKING_MAX_BYTES + 1) }), true)).toBe(
      "too_large",
    );
  });

  it("leaves everything but matchmaking posts alone", () => {
    const huge = { "content-length": String(10 * MATCHMAKING_MAX_BYTES) };
    expect(matchmakingRefusal({ ...join(huge), method: "GET" }, true)).toBeUndefined();
    expect(matchmakingRefusal({ ...join(huge), url: "/api/join" }, true)).toBeUndefined();
  });
});

describe("the matchmaking gate on a server", () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let bytes = 0;
      req.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
      });
      req.on("end", () => res.end(`read ${bytes}`));
    });
    gateMatchmaking(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("answers an oversized join with 413 payload_too_large and never hands it to the listeners", async () => {
    const response = await fetch(`${url}/matchmake/joinOrCreate/town_hall`, {
      method: "POST",
      body: "x".repeat(MATCHMAKING_MAX_BYTES + 1),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: "payload_too_large", message: "The request body is too large." },
    });
  });

  it("answers a join of unannounced length with 413", async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const sent = request(`${url}/matchmake/joinOrCreate/town_hall`, { method: "POST" }, (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      sent.on("error", reject);
      sent.write("{}");
      sent.end();
    });
    expect(status).toBe(413);
  });

  it("hands small joins and other requests to the listeners as they were", async () => {
    const small = await fetch(`${url}/matchmake/joinOrCreate/town_hall`, { method: "POST", body: "{}" });
    expect(await small.text()).toBe("read 2");
    const other = await fetch(`${url}/api/slides`, {
      method: "POST",
      body: "y".repeat(MATCHMAKING_MAX_BYTES * 2),
    });
    expect(await other.text()).toBe(`read ${MATCHMAKING_MAX_BYTES * 2}`);
  });
});

import { CloseCode } from "@colyseus/sdk";
import { describe, expect, it } from "vitest";
import { MAX_REJOIN_ATTEMPTS, rejoinDelay, shouldRejoin } from "../../client/src/net/rejoin-policy.ts";
import { holdsSeat } from "../../server/rooms/reconnection.ts";
import { CLOSE_CODES } from "../../shared/protocol/room-messages.ts";

describe("which closes the room holds a seat for", () => {
  it("holds the seat for lost connections", () => {
    for (const code of [1001, 1005, 1006, CloseCode.MAY_TRY_RECONNECT, undefined])
      expect(holdsSeat(code)).toBe(true);
  });

  it("lets go at once on a consented leave, a shutdown, a kick or a facilitator's decision", () => {
    const final = [CloseCode.CONSENTED, CloseCode.SERVER_SHUTDOWN, CloseCode.WITH_ERROR, 1008, 1009];
    for (const code of [...final, ...Object.values(CLOSE_CODES)]) expect(holdsSeat(code)).toBe(false);
  });
});

describe("when the web client joins again by itself", () => {
  it("joins again after a server shutdown or when the SDK gave up reconnecting", () => {
    for (const code of [CloseCode.SERVER_SHUTDOWN, CloseCode.FAILED_TO_RECONNECT, 1006, 4212])
      expect(shouldRejoin(code)).toBe(true);
  });

  it("stays out after leaving on purpose, an error kick, another tab, a removal or a ban", () => {
    for (const code of [CloseCode.CONSENTED, CloseCode.WITH_ERROR, ...Object.values(CLOSE_CODES)])
      expect(shouldRejoin(code)).toBe(false);
  });

  it("keeps trying for longer than a restart takes, never waiting more than three seconds", () => {
    const delays = Array.from({ length: MAX_REJOIN_ATTEMPTS }, (_, i) => rejoinDelay(i + 1));
    expect(delays[0]).toBe(250);
    expect(Math.max(...delays)).toBe(3000);
    expect(delays.reduce((sum, d) => sum + d, 0)).toBeGreaterThan(60_000);
  });
});

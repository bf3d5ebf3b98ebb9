import { Protocol } from "@colyseus/core";
import { describe, expect, it } from "vitest";
import { isReadableFrame } from "../../server/rooms/frame-guard.ts";
import { roomFrame } from "../support/hostile-payloads.ts";

describe("frame guard", () => {
  it("lets honest frames and frames it has no opinion about through", () => {
    expect(isReadableFrame(roomFrame("pose", { t: 1 }))).toBe(true);
    expect(isReadableFrame(roomFrame("post_idée", { text: "x" }, Protocol.ROOM_REQUEST, 7))).toBe(true);
    expect(isReadableFrame(roomFrame(42, {}))).toBe(true);
    expect(isReadableFrame(new Uint8Array([Protocol.PING]))).toBe(true);
    expect(isReadableFrame(new Uint8Array([Protocol.ROOM_DATA]))).toBe(true);
  });

  it("stops a message type that is not UTF-8 or runs past the frame, whatever the modifier bits", () => {
    const frame = roomFrame("pose", {});
    frame[2] = 0xff;
    expect(isReadableFrame(frame)).toBe(false);
    frame[0] = Protocol.ROOM_DATA | 0x20;
    expect(isReadableFrame(frame)).toBe(false);
    expect(isReadableFrame(roomFrame("pose", undefined).subarray(0, 3))).toBe(false);
    expect(isReadableFrame(new Uint8Array([Protocol.ROOM_DATA_BYTES, 0xda, 0xff, 0xff, 0x61]))).toBe(false);
  });
});

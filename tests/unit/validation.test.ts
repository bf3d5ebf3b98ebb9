import { describe, expect, it } from "vitest";
import { isAcceptablePose } from "../../shared/pose/pose-rules.ts";
import { checkDisplayName, isAvatarColor } from "../../shared/protocol/display-name.ts";
import {
  isWellFormedJoinCode,
  JOIN_CODE_ALPHABET,
  joinCodeFromBytes,
  normalizeJoinCode,
} from "../../shared/protocol/join-code.ts";
import { ClientMessages, type PoseTuple } from "../../shared/protocol/room-messages.ts";

describe("display names", () => {
  it.each([
    ["  Ann  ", "Ann"],
    ["Jean   Dupont", "Jean Dupont"],
    ["Zoë", "Zoë"],
    ["Ze\u0301nobe", "Zénobe"],
    ["李小龍", "李小龍"],
    ["x".repeat(32), "x".repeat(32)],
  ])("accepts %j as %j", (raw, name) => {
    expect(checkDisplayName(raw)).toEqual({ ok: true, name });
  });

  it.each([
    { label: "an empty name", raw: "", reason: "empty" },
    { label: "only white space", raw: "   \t ", reason: "empty" },
    { label: "33 characters", raw: "x".repeat(33), reason: "too_long" },
    { label: "10 000 characters", raw: "a".repeat(10_000), reason: "too_long" },
    { label: "a NUL character", raw: "Ann\u0000", reason: "forbidden_character" },
    { label: "a zero-width space", raw: "An\u200Bn", reason: "forbidden_character" },
    { label: "a right-to-left override", raw: "\u202Eevil", reason: "forbidden_character" },
    { label: "a line separator", raw: "Ann\u2028Bob", reason: "forbidden_character" },
    { label: "markup", raw: "<img src=x>", reason: "forbidden_character" },
    { label: "a private-use character", raw: "\uE000", reason: "forbidden_character" },
  ])("refuses $label ($reason)", ({ raw, reason }) => {
    expect(checkDisplayName(raw)).toEqual({ ok: false, reason });
  });

  it("accepts six-digit hex colours only", () => {
    expect(isAvatarColor("#A0b1C2")).toBe(true);
    for (const bad of ["red", "#abc", "#abcdefg", "abcdef", "#ggg000", ""])
      expect(isAvatarColor(bad)).toBe(false);
  });
});

describe("join codes", () => {
  it("uses no look-alike characters", () => {
    for (const lookAlike of "0OQD1IL2Z5S6G8BUV") expect(JOIN_CODE_ALPHABET).not.toContain(lookAlike);
  });

  it("builds well-formed codes from any bytes and normalises what people type", () => {
    const code = joinCodeFromBytes(Uint8Array.from([0, 255, 18, 19, 100, 200]));
    expect(isWellFormedJoinCode(code)).toBe(true);
    expect(normalizeJoinCode(` ${code.slice(0, 3).toLowerCase()}-${code.slice(3)} `)).toBe(code);
    expect(isWellFormedJoinCode("ABC")).toBe(false);
    expect(isWellFormedJoinCode("A0CDEF")).toBe(false);
  });
});

const identity: PoseTuple = [0, 1.6, 10, 0, 0, 0, 1];
const at = (x: number, y: number, z: number): PoseTuple => [x, y, z, 0, 0, 0, 1];

describe("room message schemas", () => {
  it("accepts a well-formed pose and refuses wrong shapes", () => {
    const good = { head: identity, leftHand: at(-0.3, 0.9, 10), rightHand: at(0.3, 0.9, 10) };
    expect(ClientMessages.pose.safeParse(good).success).toBe(true);
    expect(ClientMessages.pose.safeParse({ ...good, t: 123 }).success).toBe(true);
    for (const bad of [
      { ...good, head: [0, 1.6, 10] },
      { ...good, head: [0, Number.NaN, 10, 0, 0, 0, 1] },
      { ...good, head: [0, Number.POSITIVE_INFINITY, 10, 0, 0, 0, 1] },
      { ...good, head: ["0", 1.6, 10, 0, 0, 0, 1] },
      { ...good, admin: true },
      { head: identity },
      null,
      "pose",
    ]) {
      expect(ClientMessages.pose.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("checks seats and device kinds", () => {
    expect(ClientMessages.sit.safeParse({ seat: 3 }).success).toBe(true);
    expect(ClientMessages.sit.safeParse({ seat: -1 }).success).toBe(false);
    expect(ClientMessages.sit.safeParse({ seat: 1.5 }).success).toBe(false);
    expect(ClientMessages.device.safeParse({ kind: "headset" }).success).toBe(true);
    expect(ClientMessages.device.safeParse({ kind: "toaster" }).success).toBe(false);
    expect(ClientMessages.stand.safeParse({ extra: 1 }).success).toBe(false);
  });
});

describe("pose rules", () => {
  it("accepts a body inside the hall with hands in reach", () => {
    expect(
      isAcceptablePose({ head: identity, leftHand: at(-0.3, 0.9, 10), rightHand: at(0.3, 0.9, 10) }),
    ).toBe(true);
  });

  it.each([
    ["a head outside the walls", { head: at(16, 1.6, 10) }],
    ["a head under the floor", { head: at(0, -0.2, 10) }],
    ["a head above the ceiling", { head: at(0, 8.5, 10) }],
    ["a hand out of reach", { rightHand: at(2, 1.6, 10) }],
    ["a zero rotation", { head: [0, 1.6, 10, 0, 0, 0, 0] as PoseTuple }],
  ])("refuses %s", (_label, override) => {
    expect(
      isAcceptablePose({
        head: identity,
        leftHand: at(-0.3, 0.9, 10),
        rightHand: at(0.3, 0.9, 10),
        ...override,
      }),
    ).toBe(false);
  });
});

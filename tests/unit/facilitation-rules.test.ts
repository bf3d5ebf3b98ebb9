import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, countAuditActions } from "../../shared/consultation/audit.ts";
import {
  extendFloor,
  FLOOR_GRACE_MS,
  floorPhase,
  giveFloor,
  giveFloorToNext,
  NO_FLOOR,
  takeFloor,
} from "../../shared/consultation/floor.ts";
import {
  checkReason,
  checkRoleChange,
  checkTargetedAction,
  REASON_MAX,
} from "../../shared/consultation/moderation.ts";
import {
  ACTIONS,
  can,
  mayTarget,
  roleChangeAction,
  standingOf,
} from "../../shared/consultation/permissions.ts";
import { maySpeak, speakRefusal } from "../../shared/consultation/speaking-mode.ts";
import { lowerHand, nextInLine, queueOrder, raiseHand } from "../../shared/consultation/speaking-queue.ts";
import { ROLES } from "../../shared/protocol/roles.ts";

describe("speaking queue", () => {
  it("orders hands by the time they went up", () => {
    let queue = raiseHand([], "c", 300);
    queue = raiseHand(queue, "a", 100);
    queue = raiseHand(queue, "b", 200);
    expect(queueOrder(queue)).toEqual(["a", "b", "c"]);
    expect(nextInLine(queue)).toBe("a");
    expect(nextInLine([])).toBeUndefined();
  });

  it("keeps a hand's place when it is raised again, and ignores lowering a hand that is down", () => {
    const queue = raiseHand(raiseHand([], "a", 100), "b", 200);
    const again = raiseHand(queue, "a", 900);
    expect(again).toBe(queue);
    expect(queueOrder(again)).toEqual(["a", "b"]);
    const lowered = lowerHand(queue, "a");
    expect(queueOrder(lowered)).toEqual(["b"]);
    expect(lowerHand(lowered, "a")).toBe(lowered);
    expect(queueOrder(raiseHand(lowered, "a", 1000))).toEqual(["b", "a"]);
  });
});

describe("floor", () => {
  const queue = raiseHand(raiseHand([], "a", 100), "b", 200);

  it("goes to the next in line, whose hand comes down", () => {
    const result = giveFloorToNext(NO_FLOOR, queue, 1_000, 60);
    expect(result).toMatchObject({ ok: true, floor: { holderId: "a", endsAt: 61_000 } });
    if (result.ok) expect(queueOrder(result.queue)).toEqual(["b"]);
    expect(giveFloorToNext(NO_FLOOR, [], 1_000)).toEqual({ ok: false, code: "queue_empty" });
  });

  it("goes to anyone, without a limit, taking it from the previous holder", () => {
    const first = giveFloor(NO_FLOOR, queue, "z", 1_000);
    expect(first).toMatchObject({
      ok: true,
      floor: { holderId: "z", endsAt: undefined },
      previousHolderId: undefined,
    });
    if (!first.ok) throw new Error("expected the floor");
    expect(queueOrder(first.queue)).toEqual(["a", "b"]);
    const second = giveFloor(first.floor, first.queue, "b", 2_000, 30);
    expect(second).toMatchObject({
      ok: true,
      floor: { holderId: "b", endsAt: 32_000 },
      previousHolderId: "z",
    });
    if (second.ok) expect(queueOrder(second.queue)).toEqual(["a"]);
  });

  it("is taken back, and cannot be taken when free", () => {
    const result = takeFloor({ holderId: "a", endsAt: undefined }, queue);
    expect(result).toMatchObject({ ok: true, floor: NO_FLOOR, previousHolderId: "a" });
    expect(takeFloor(NO_FLOOR, queue)).toEqual({ ok: false, code: "nobody_has_floor" });
  });

  it("counts down, then grants a grace period, then expires", () => {
    const floor = { holderId: "a", endsAt: 10_000 };
    expect(floorPhase(NO_FLOOR, 0)).toBe("free");
    expect(floorPhase({ holderId: "a", endsAt: undefined }, 10 ** 12)).toBe("unlimited");
    expect(floorPhase(floor, 9_999)).toBe("counting");
    expect(floorPhase(floor, 10_000)).toBe("grace");
    expect(floorPhase(floor, 10_000 + FLOOR_GRACE_MS - 1)).toBe("grace");
    expect(floorPhase(floor, 10_000 + FLOOR_GRACE_MS)).toBe("expired");
    expect(floorPhase(floor, 10_500, 500)).toBe("expired");
  });

  it("is extended from its end, or from now once the time is up (even in the grace)", () => {
    const floor = { holderId: "a", endsAt: 10_000 };
    expect(extendFloor(floor, 30, 5_000)).toEqual({ ok: true, floor: { holderId: "a", endsAt: 40_000 } });
    const late = extendFloor(floor, 30, 12_000);
    expect(late).toEqual({ ok: true, floor: { holderId: "a", endsAt: 42_000 } });
    if (late.ok) expect(floorPhase(late.floor, 10_000 + FLOOR_GRACE_MS)).toBe("counting");
    expect(extendFloor({ holderId: "a", endsAt: undefined }, 10, 1_000)).toEqual({
      ok: true,
      floor: { holderId: "a", endsAt: 11_000 },
    });
    expect(extendFloor(NO_FLOOR, 10, 0)).toEqual({ ok: false, code: "nobody_has_floor" });
  });
});

describe("speaking modes", () => {
  const citizen = { role: "citizen", hasFloor: false, mutedByFacilitator: false };
  /** The consultation's phase until it closes (unrelated to the open speaking mode). */
  const running = "open";

  it("in a town hall, let citizens speak only with the floor; facilitators always", () => {
    expect(speakRefusal(citizen, "town_hall", running)).toBe("floor_required");
    expect(maySpeak({ ...citizen, hasFloor: true }, "town_hall", running)).toBe(true);
    expect(maySpeak({ ...citizen, role: "facilitator" }, "town_hall", running)).toBe(true);
    expect(maySpeak({ ...citizen, role: "co_facilitator" }, "town_hall", running)).toBe(true);
  });

  it("in open mode, let everyone but observers speak", () => {
    expect(maySpeak(citizen, "open", running)).toBe(true);
    expect(speakRefusal({ ...citizen, role: "observer" }, "open", running)).toBe("not_allowed");
    expect(speakRefusal({ ...citizen, role: "observer", hasFloor: true }, "town_hall", running)).toBe(
      "not_allowed",
    );
  });

  it("let a facilitator's mute override mode and floor", () => {
    const muted = { ...citizen, mutedByFacilitator: true };
    expect(speakRefusal(muted, "open", running)).toBe("muted_by_facilitator");
    expect(speakRefusal({ ...muted, hasFloor: true }, "town_hall", running)).toBe("muted_by_facilitator");
  });

  it("once closed, let nobody speak without the floor but facilitators, whichever mode it closed in", () => {
    for (const mode of ["open", "town_hall"] as const) {
      expect(speakRefusal(citizen, mode, "closed"), mode).toBe("consultation_closed");
      expect(maySpeak({ ...citizen, role: "facilitator" }, mode, "closed"), mode).toBe(true);
      expect(speakRefusal({ ...citizen, role: "observer" }, mode, "closed"), mode).toBe("not_allowed");
      expect(speakRefusal({ ...citizen, mutedByFacilitator: true }, mode, "closed"), mode).toBe(
        "muted_by_facilitator",
      );
    }
  });
});

describe("permissions", () => {
  const table = Object.fromEntries(
    ACTIONS.map((action) => [action, ["lead", ...ROLES].filter((standing) => can(standing, action))]),
  );

  it("match the documented table", () => {
    const facilitators = ["lead", "facilitator", "co_facilitator"];
    expect(table).toEqual({
      raise_hand: ["lead", "facilitator", "co_facilitator", "citizen"],
      report: ["lead", "facilitator", "co_facilitator", "citizen", "observer"],
      dismiss_hand: facilitators,
      give_floor: facilitators,
      take_floor: facilitators,
      extend_floor: facilitators,
      set_mode: facilitators,
      mute: facilitators,
      unmute: facilitators,
      mute_all: facilitators,
      move: facilitators,
      remove: facilitators,
      ban: facilitators,
      lock: facilitators,
      set_access: facilitators,
      set_observer: facilitators,
      promote: ["lead", "facilitator"],
      demote_facilitator: ["lead"],
      list_people: facilitators,
      read_audit: facilitators,
      run_agenda: facilitators,
      run_polls: facilitators,
      vote: ["lead", "facilitator", "co_facilitator", "citizen"],
      post_idea: ["lead", "facilitator", "co_facilitator", "citizen"],
      curate_ideas: facilitators,
      run_budget: facilitators,
      allocate_budget: ["lead", "facilitator", "co_facilitator", "citizen"],
      run_tables: facilitators,
      choose_table: ["lead", "facilitator", "co_facilitator", "citizen"],
      present_slides: facilitators,
      close_consultation: ["lead", "facilitator"],
      chat: ["lead", "facilitator", "co_facilitator", "citizen"],
      hide_chat: facilitators,
      rotate_facilitator_link: ["lead"],
      own_data: ["lead", "facilitator", "co_facilitator", "citizen", "observer"],
    });
    expect(can("someone", "report")).toBe(false);
  });

  it("protect the lead from everyone, facilitators from all but the lead, and co-facilitators from each other", () => {
    expect(mayTarget("lead", "lead")).toBe(false);
    expect(mayTarget("facilitator", "lead")).toBe(false);
    expect(mayTarget("co_facilitator", "lead")).toBe(false);
    expect(mayTarget("lead", "facilitator")).toBe(true);
    expect(mayTarget("lead", "co_facilitator")).toBe(true);
    expect(mayTarget("lead", "citizen")).toBe(true);
    expect(standingOf({ id: "f", role: "facilitator" }, "f")).toBe("lead");
    expect(standingOf({ id: "g", role: "facilitator" }, "f")).toBe("facilitator");
    expect(standingOf({ id: "f", role: "citizen" }, "f")).toBe("citizen");
    expect(standingOf({ id: "f", role: "facilitator" }, "")).toBe("facilitator");
    expect(roleChangeAction("facilitator", "citizen")).toBe("demote_facilitator");
    expect(roleChangeAction("co_facilitator", "citizen")).toBe("promote");
    expect(mayTarget("facilitator", "facilitator")).toBe(false);
    expect(mayTarget("facilitator", "co_facilitator")).toBe(true);
    expect(mayTarget("co_facilitator", "facilitator")).toBe(false);
    expect(mayTarget("co_facilitator", "co_facilitator")).toBe(false);
    expect(mayTarget("co_facilitator", "citizen")).toBe(true);
    expect(mayTarget("co_facilitator", "observer")).toBe(true);
    expect(mayTarget("citizen", "observer")).toBe(false);
  });

  it("refuse targeted actions with a reason", () => {
    const lead = { id: "f", role: "facilitator" };
    const co = { id: "k", role: "co_facilitator" };
    const citizen = { id: "c", role: "citizen" };
    expect(checkTargetedAction(lead, "ban", citizen)).toEqual({ ok: true });
    expect(checkTargetedAction(citizen, "ban", co)).toEqual({ ok: false, code: "not_allowed" });
    expect(checkTargetedAction(co, "remove", lead)).toEqual({ ok: false, code: "protected_participant" });
    expect(checkTargetedAction(co, "mute", co)).toEqual({ ok: false, code: "cannot_target_self" });
    expect(checkTargetedAction(co, "mute", undefined)).toEqual({ ok: false, code: "unknown_participant" });
  });

  it("leave promotion and demotion to the facilitator; observer changes to both", () => {
    const lead = { id: "f", role: "facilitator" };
    const co = { id: "k", role: "co_facilitator" };
    const citizen = { id: "c", role: "citizen" };
    expect(checkRoleChange(lead, citizen, "co_facilitator")).toEqual({ ok: true });
    expect(checkRoleChange(lead, co, "citizen")).toEqual({ ok: true });
    expect(checkRoleChange(co, citizen, "co_facilitator")).toEqual({ ok: false, code: "not_allowed" });
    expect(checkRoleChange(co, citizen, "observer")).toEqual({ ok: true });
    expect(checkRoleChange(co, { id: "k2", role: "co_facilitator" }, "observer")).toEqual({
      ok: false,
      code: "not_allowed",
    });
    expect(checkRoleChange(lead, citizen, "citizen")).toEqual({ ok: false, code: "already_in_role" });
    expect(checkRoleChange(citizen, { id: "d", role: "citizen" }, "observer")).toEqual({
      ok: false,
      code: "not_allowed",
    });
  });
});

describe("reasons", () => {
  it("accept a short line, trimmed and collapsed", () => {
    expect(checkReason("  shouting \n  at people ")).toEqual({ ok: true, text: "shouting at people" });
    expect(checkReason("x".repeat(REASON_MAX))).toMatchObject({ ok: true });
  });

  it.each([
    "",
    "   ",
    "x".repeat(REASON_MAX + 1),
    "bad\u0000byte",
    "hidden\u202Eoverride",
    "zero\u200Bwidth",
  ])("refuse %j", (raw) => {
    expect(checkReason(raw)).toEqual({ ok: false, code: "invalid_reason" });
  });
});

describe("audit counts", () => {
  it("count every action type, zero for those that never happened", () => {
    const counts = countAuditActions([
      { action: "mute" },
      { action: "ban" },
      { action: "mute" },
      { action: "report" },
    ]);
    expect(Object.keys(counts).sort()).toEqual([...AUDIT_ACTIONS].sort());
    expect(counts.mute).toBe(2);
    expect(counts.ban).toBe(1);
    expect(counts.report).toBe(1);
    expect(counts.remove).toBe(0);
    expect(countAuditActions([]).give_floor).toBe(0);
  });
});

/**
 * The client's facilitation logic without a browser: the countdown people see, their place in the
 * queue, the notices about their right to speak, which console controls a role gets, and the code of
 * conduct's rules.
 */
import { describe, expect, it } from "vitest";
import {
  personControls,
  roomControls,
  type TargetPerson,
} from "../../client/src/facilitation/console-controls.ts";
import {
  floorClock,
  formatCountdown,
  parseLimitSeconds,
  queuePlace,
} from "../../client/src/facilitation/floor-clock.ts";
import { cannotSpeakNote, speakerNotices } from "../../client/src/facilitation/speaker-notices.ts";
import {
  CODE_OF_CONDUCT_MAX,
  checkCodeOfConduct,
  defaultCodeOfConduct,
} from "../../shared/consultation/code-of-conduct.ts";

const person = (id: string, role: string, extra: Partial<TargetPerson> = {}): TargetPerson => ({
  id,
  role,
  handRaised: false,
  mutedByFacilitator: false,
  hasFloor: false,
  ...extra,
});

describe("the floor clock", () => {
  const floor = { holderId: "p1", endsAt: 100_000, graceMs: 5_000 };

  it("counts down to the limit, then through the grace, then reports it expired", () => {
    expect(floorClock(floor, 70_000)).toEqual({ phase: "counting", remainingMs: 30_000 });
    expect(floorClock(floor, 102_000)).toEqual({ phase: "grace", remainingMs: 3_000 });
    expect(floorClock(floor, 106_000)).toEqual({ phase: "expired", remainingMs: 0 });
  });

  it("has no countdown without a limit or without a speaker", () => {
    expect(floorClock({ ...floor, endsAt: 0, graceMs: 0 }, 1)).toEqual({
      phase: "unlimited",
      remainingMs: 0,
    });
    expect(floorClock({ holderId: "", endsAt: 0, graceMs: 0 }, 1)).toEqual({ phase: "free", remainingMs: 0 });
  });

  it("formats minutes and seconds, rounding up", () => {
    expect(formatCountdown(90_000)).toBe("1:30");
    expect(formatCountdown(59_001)).toBe("1:00");
    expect(formatCountdown(400)).toBe("0:01");
    expect(formatCountdown(-5)).toBe("0:00");
  });

  it("gives one's place in the queue from 1, or 0 when the hand is down", () => {
    expect(queuePlace(["a", "b", "c"], "c")).toBe(3);
    expect(queuePlace(["a"], "z")).toBe(0);
  });

  it("reads a typed time limit: empty for none, whole seconds within the maximum", () => {
    expect(parseLimitSeconds(" ", 3600)).toBeUndefined();
    expect(parseLimitSeconds("90", 3600)).toBe(90);
    for (const bad of ["0", "3601", "1.5", "-3", "abc"]) expect(parseLimitSeconds(bad, 3600)).toBe("invalid");
  });
});

describe("speaker notices", () => {
  const idle = { hasFloor: false, mutedByFacilitator: false };

  it("tell when one gets or loses the floor and when a facilitator mutes or lifts it", () => {
    expect(speakerNotices(idle, { ...idle, hasFloor: true })).toEqual(["notice.floorGiven"]);
    expect(speakerNotices({ ...idle, hasFloor: true }, idle)).toEqual(["notice.floorTaken"]);
    expect(speakerNotices(idle, { ...idle, mutedByFacilitator: true })).toEqual([
      "notice.mutedByFacilitator",
    ]);
    expect(speakerNotices({ ...idle, mutedByFacilitator: true }, idle)).toEqual([
      "notice.unmutedByFacilitator",
    ]);
  });

  it("say only 'you have the floor' when the floor lifts a mute, and nothing on joining or leaving", () => {
    expect(
      speakerNotices(
        { hasFloor: false, mutedByFacilitator: true },
        { hasFloor: true, mutedByFacilitator: false },
      ),
    ).toEqual(["notice.floorGiven"]);
    expect(speakerNotices(undefined, { hasFloor: true, mutedByFacilitator: true })).toEqual([]);
    expect(speakerNotices(idle, undefined)).toEqual([]);
    expect(speakerNotices(idle, idle)).toEqual([]);
  });
});

describe("the note beside a microphone the room keeps off", () => {
  const citizen = { role: "citizen", hasFloor: false, mutedByFacilitator: false };

  it("promises the floor only to a citizen waiting for it in a town hall", () => {
    expect(cannotSpeakNote(citizen, "town_hall", "open")).toBe("voice.cannotSpeak");
  });

  it("tells an observer they came to listen, in any mode and phase", () => {
    const observer = { ...citizen, role: "observer" };
    expect(cannotSpeakNote(observer, "town_hall", "open")).toBe("voice.observerCannotSpeak");
    expect(cannotSpeakNote(observer, "open", "open")).toBe("voice.observerCannotSpeak");
    expect(cannotSpeakNote(observer, "open", "closed")).toBe("voice.observerCannotSpeak");
  });

  it("names a facilitator's mute, which outlasts the mode", () => {
    const muted = { ...citizen, mutedByFacilitator: true };
    expect(cannotSpeakNote(muted, "open", "open")).toBe("voice.mutedCannotSpeak");
    expect(cannotSpeakNote(muted, "town_hall", "open")).toBe("voice.mutedCannotSpeak");
  });

  it("says the consultation is closed once it is, whatever mode it closed in", () => {
    expect(cannotSpeakNote(citizen, "open", "closed")).toBe("voice.closedCannotSpeak");
    expect(cannotSpeakNote(citizen, "town_hall", "closed")).toBe("voice.closedCannotSpeak");
  });

  it("falls back to the floor while the state that explains the room's verdict is still on its way", () => {
    expect(cannotSpeakNote(citizen, "open", "open")).toBe("voice.cannotSpeak");
    expect(cannotSpeakNote(citizen, "no such mode", "open")).toBe("voice.cannotSpeak");
  });
});

describe("console controls", () => {
  it("are for facilitators and co-facilitators only", () => {
    expect(roomControls("facilitator", "open")).toMatchObject({
      any: true,
      floor: true,
      mode: true,
      lock: true,
      audit: true,
    });
    expect(roomControls("co_facilitator", "open").any).toBe(true);
    expect(roomControls("citizen", "open").any).toBe(false);
    expect(roomControls("observer", "open").any).toBe(false);
  });

  it("leave out the speaking mode and the floor once the consultation is closed, and keep moderation", () => {
    expect(roomControls("facilitator", "closed")).toEqual({
      floor: false,
      mode: false,
      muteAll: true,
      lock: true,
      // Who may take part is settled once the report is out.
      access: false,
      audit: true,
      people: true,
      any: true,
    });
    expect(roomControls("citizen", "closed").any).toBe(false);
  });

  it("offer only what the room would accept on that person", () => {
    const lead = { id: "f", role: "facilitator" };
    const citizen = personControls(lead, person("c", "citizen", { handRaised: true }), "open");
    expect(citizen).toMatchObject({
      giveFloor: true,
      dismissHand: true,
      mute: true,
      unmute: false,
      remove: true,
      ban: true,
    });
    expect(citizen.roleChanges.map((change) => change.to)).toEqual(["co_facilitator", "observer"]);

    const muted = personControls(lead, person("c", "citizen", { mutedByFacilitator: true }), "open");
    expect(muted).toMatchObject({ mute: false, unmute: true, dismissHand: false });

    const observer = personControls(lead, person("o", "observer"), "open");
    expect(observer.giveFloor).toBe(false);
    expect(observer.roleChanges.map((change) => change.to)).toEqual(["citizen"]);

    const self = personControls(lead, person("f", "facilitator"), "open");
    expect(self).toMatchObject({ mute: false, remove: false, ban: false, move: false, roleChanges: [] });
  });

  it("leave out giving the floor once the consultation is closed, and keep moderating that person", () => {
    const lead = { id: "f", role: "facilitator" };
    const hand = person("c", "citizen", { handRaised: true });
    expect(personControls(lead, hand, "open").giveFloor).toBe(true);
    const closed = personControls(lead, hand, "closed");
    expect(closed).toMatchObject({
      giveFloor: false,
      dismissHand: true,
      mute: true,
      move: true,
      remove: true,
      ban: true,
    });
    expect(closed.roleChanges.map((change) => change.to)).toEqual(["co_facilitator", "observer"]);
  });

  it("let a co-facilitator act on citizens but neither promote nor touch other co-facilitators", () => {
    const co = { id: "k", role: "co_facilitator" };
    const onCitizen = personControls(co, person("c", "citizen"), "open");
    expect(onCitizen).toMatchObject({ mute: true, remove: true });
    expect(onCitizen.roleChanges.map((change) => change.to)).toEqual(["observer"]);
    const onCo = personControls(co, person("k2", "co_facilitator"), "open");
    expect(onCo).toMatchObject({ mute: false, remove: false, ban: false, roleChanges: [] });
  });

  it("let the lead, and only the lead, act on other facilitators; nobody on the lead", () => {
    const lead = { id: "f", role: "lead" };
    const other = { id: "g", role: "facilitator" };
    expect(personControls(lead, person("g", "facilitator"), "open")).toMatchObject({
      mute: true,
      remove: true,
      ban: true,
    });
    expect(personControls(lead, person("g", "facilitator"), "open").roleChanges).toEqual([]);
    expect(personControls(other, person("h", "facilitator"), "open")).toMatchObject({
      mute: false,
      remove: false,
      ban: false,
    });
    expect(personControls(other, person("f", "lead"), "open")).toMatchObject({ remove: false, ban: false });
    expect(personControls(other, person("k", "co_facilitator"), "open")).toMatchObject({ remove: true });
  });

  it("give a citizen nothing to do to others", () => {
    const controls = personControls(
      { id: "c", role: "citizen" },
      person("d", "citizen", { handRaised: true }),
      "open",
    );
    expect(controls).toMatchObject({
      giveFloor: false,
      dismissHand: false,
      mute: false,
      remove: false,
      ban: false,
    });
    expect(controls.roleChanges).toEqual([]);
  });
});

describe("the code of conduct", () => {
  it("is trimmed, keeps paragraphs and refuses empty, too long or control characters", () => {
    expect(checkCodeOfConduct("  Be kind.\r\n\r\n\r\n\r\nListen.  ")).toEqual({
      ok: true,
      text: "Be kind.\n\nListen.",
    });
    expect(checkCodeOfConduct(" \n ").ok).toBe(false);
    expect(checkCodeOfConduct("x".repeat(CODE_OF_CONDUCT_MAX)).ok).toBe(true);
    expect(checkCodeOfConduct("x".repeat(CODE_OF_CONDUCT_MAX + 1)).ok).toBe(false);
    expect(checkCodeOfConduct("Bell\u0007").ok).toBe(false);
  });

  it("has a valid default in every language", () => {
    for (const language of ["en", "nl", "fr"] as const) {
      expect(checkCodeOfConduct(defaultCodeOfConduct(language)).ok, language).toBe(true);
    }
    expect(defaultCodeOfConduct("nl")).not.toBe(defaultCodeOfConduct("en"));
  });
});

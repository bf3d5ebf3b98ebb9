/**
 * Interpretation in real browsers with fake microphones, one scenario run through each transport: Ben
 * holds the floor from across the hall with his tone, Cleo interprets into French with hers, standing
 * right beside Ada, the listener. On "original" Ada hears Ben through the PA and nothing of Cleo; once
 * she picks French she hears Cleo at the PA's level, not in space, and Ben at least 10 dB lower, within
 * 500 ms of the switch; back on "original" Cleo is gone as fast; an interpreter off the air is silent,
 * and Ben is back at full level. Each transport's file adds its own attacks on the same meeting.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INTERPRETER_BOOTH } from "../../shared/hall/hall-geometry.ts";
import type { ListenerChoice } from "../../shared/voice/interpretation-routing.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import {
  backInPlace,
  FAR_AWAY,
  keepPublishing,
  listen,
  loudness,
  loudnesses,
  type Meeting,
  startMeeting,
  TONES,
  type ToneReading,
  takeFloorBackFrom,
  timeUntil,
  untilHeard,
  type VoiceServer,
} from "./voice-meeting.ts";

/** How one transport runs the scenario. */
export interface InterpretationTransport {
  /** The voice mode the page reports, also named in the logs. */
  readonly mode: "mesh" | "livekit";
  /** Plenum, with whatever else this transport needs (a LiveKit server); `stop` stops it all. */
  start(): Promise<{ readonly server: VoiceServer; stop(): Promise<void> }>;
  /**
   * Waits until what reaches Ada of the interpreter is what this transport intends for her choice: the
   * mesh links her to every interpreter whatever she chose, LiveKit delivers only her language's.
   */
  expectInterpreterDelivered(meeting: Meeting, choice: ListenerChoice): Promise<void>;
}

export const toDb = (ratio: number) => 20 * Math.log10(ratio);
/** Both ears together, as `loudness` measures one tone. */
export const level = (reading: ToneReading, index: number) =>
  Math.hypot(reading.left[index] ?? 0, reading.right[index] ?? 0);

/** Cleo goes on the air in French and opens her microphone once the room lets her speak. */
export async function cleoLiveInFrench(meeting: Meeting): Promise<void> {
  const { cleo } = meeting.people;
  await hook(cleo.page, `h.send("interpret_into", { language: "fr" })`);
  await hook(cleo.page, `h.send("interpreter_live", { live: true })`);
  await waitUntil(
    cleo.page,
    "Cleo live",
    `h.participants().some((p) => p.id === ${JSON.stringify(meeting.ids.cleo)} && p.canSpeak)`,
  );
  await hook(cleo.page, "h.setMuted(false)");
  await waitUntil(cleo.page, "Cleo's microphone open", "!h.voice().muted");
}

/**
 * Ada takes the floor back from Ben, and his modified client then claims the French channel through the
 * room the way an interpreter would (choosing French, going live, even assigning himself), his
 * microphone open. The room refuses all of it.
 */
export async function benClaimsTheFrenchChannel(meeting: Meeting): Promise<void> {
  const { ben } = meeting.people;
  const benId = JSON.stringify(meeting.ids.ben);
  await takeFloorBackFrom(meeting, "ben");
  await hook(ben.page, `h.send("assign_interpreter", { participantId: ${benId}, languages: ["nl", "fr"] })`);
  await hook(ben.page, `h.send("interpret_into", { language: "fr" })`);
  await hook(ben.page, `h.send("interpreter_live", { live: true })`);
  await hook(ben.page, "h.setMuted(false)");
}

/**
 * For `durationMs`, Ada (on French) hears Cleo, the live interpreter, and nothing of Ben's tone; her
 * room state still says he is a citizen, and her mixer never puts him on the PA path.
 */
export async function expectOnlyCleoInFrench(meeting: Meeting, durationMs = 2000): Promise<void> {
  const { ada } = meeting.people;
  const benId = meeting.ids.ben;
  const until = performance.now() + durationMs;
  while (performance.now() < until) {
    const heard = await listen(ada.page, [TONES.ben, TONES.cleo], 1);
    expect(level(heard, 0), "Ben's tone in Ada's French").toBeLessThan(0.005);
    expect(level(heard, 1), "Cleo still interpreting").toBeGreaterThan(0.02);
    const roles = await hook<{ id: string; role: string }[]>(ada.page, "h.participants()");
    expect(roles.find((participant) => participant.id === benId)?.role).toBe("citizen");
    const gains = await hook<Record<string, { pa: number }>>(ada.page, "h.voice().gains");
    expect(gains[benId]?.pa ?? 0, "Ben's PA level at Ada").toBe(0);
  }
}

/**
 * Registers the meeting (one per file) and the scenario's tests; the caller adds its own tests after
 * them, on the same meeting, through `meeting()`.
 */
export function describeInterpretation(transport: InterpretationTransport): { meeting(): Meeting } {
  let stop: (() => Promise<void>) | undefined;
  let meeting: Meeting | undefined;
  const current = () => {
    if (!meeting) throw new Error("the meeting did not start");
    return meeting;
  };

  beforeAll(async () => {
    const started = await transport.start();
    stop = started.stop;
    meeting = await startMeeting(started.server);
  });

  afterAll(async () => {
    await meeting?.close();
    await stop?.();
  });

  describe(`interpretation through ${transport.mode}`, () => {
    /** Ben's settled level through the PA on "original". */
    let original = 0;

    /** Ada picks `choice`; returns how long until she hears it (Cleo and Ben as `accept` wants). */
    const switchTo = async (choice: ListenerChoice, accept: (ben: number, cleo: number) => boolean) => {
      const { ada } = current().people;
      const switched = performance.now();
      await hook(ada.page, `h.setListening(${JSON.stringify(choice)})`);
      await timeUntil(
        `Ada to hear ${choice}`,
        () => loudnesses(ada.page, [TONES.ben, TONES.cleo]),
        ([ben = 0, cleo = 0]) => accept(ben, cleo),
        3000,
        25,
      );
      return performance.now() - switched;
    };

    it("gives a listener on 'original' the floor and nothing of the interpreter beside her", async () => {
      const meeting = current();
      const { ada, ben, cleo } = meeting.people;
      const { ids } = meeting;
      await waitUntil(ada.page, "voice to connect", `h.voice().mode === ${JSON.stringify(transport.mode)}`);
      await hook(
        ada.page,
        `h.send("assign_interpreter", { participantId: ${JSON.stringify(ids.cleo)}, languages: ["nl", "fr"] })`,
      );
      await waitUntil(
        cleo.page,
        "Cleo an interpreter",
        "h.participants().some((p) => p.role === 'interpreter')",
      );
      // An interpreter is taken to the booth beside the stage, 23 m from Ada, out of hearing range: she
      // walks back beside Ada, so that only the routing, not distance, keeps her out of the hall.
      await waitUntil(cleo.page, "Cleo in the booth", `h.self().x > ${INTERPRETER_BOOTH.minX}`);
      await backInPlace(meeting, "cleo");
      await cleoLiveInFrench(meeting);
      await hook(ben.page, `h.teleport(${FAR_AWAY.x}, ${FAR_AWAY.z}, ${FAR_AWAY.yaw})`);
      await hook(ada.page, `h.send("give_floor", { participantId: ${JSON.stringify(ids.ben)} })`);
      await hook(ben.page, "h.setMuted(false)");
      expect((await hook<{ choice: string }>(ada.page, "h.listening()")).choice).toBe("original");
      await transport.expectInterpreterDelivered(meeting, "original");
      await untilHeard(ada.page, TONES.ben, "Ben through the PA");
      // The reference is Ben's settled level: the first second of a voice still ramps up.
      let previous = 0;
      await timeUntil(
        "Ben's level to settle",
        () => loudness(ada.page, TONES.ben),
        (v) => {
          const settled = previous > 0 && Math.abs(toDb(v / previous)) < 1;
          previous = v;
          return settled;
        },
        10_000,
        500,
      );
      const heard = await listen(ada.page, [TONES.ben, TONES.cleo]);
      original = level(heard, 0);
      console.log(
        `${transport.mode} original: Ben ${original.toFixed(4)}, Cleo ${level(heard, 1).toFixed(4)}`,
      );
      expect(level(heard, 1), "Cleo, 2.5 m away, is not heard on the original").toBeLessThan(0.005);
    });

    it("plays the French interpreter at PA level and ducks the floor by at least 10 dB, within 500 ms", async () => {
      const meeting = current();
      const { ada } = meeting.people;
      const elapsed = await switchTo("fr", (ben, cleo) => cleo > 0.02 && toDb(ben / original) <= -10);
      await transport.expectInterpreterDelivered(meeting, "fr");
      const heard = await listen(ada.page, [TONES.ben, TONES.cleo]);
      const ben = level(heard, 0);
      const cleo = level(heard, 1);
      console.log(
        `${transport.mode} French: Cleo ${cleo.toFixed(4)} after ${elapsed.toFixed(0)} ms, Ben ${ben.toFixed(4)} (${toDb(ben / original).toFixed(1)} dB)`,
      );
      expect(elapsed).toBeLessThan(500);
      expect(toDb(ben / original)).toBeLessThanOrEqual(-10);
      // The same tone level through the same PA gain: within 3 dB of the floor on the original.
      expect(Math.abs(toDb(cleo / original))).toBeLessThan(3);
      // Hall-wide, not in space: even in both ears although Cleo stands on Ada's right.
      expect(
        Math.min(heard.left[1] ?? 0, heard.right[1] ?? 0) / Math.max(heard.left[1] ?? 0, heard.right[1] ?? 0),
      ).toBeGreaterThan(0.6);
    });

    it("takes the interpreter away and the floor back to full level within 500 ms of going back to 'original'", async () => {
      const meeting = current();
      const elapsed = await switchTo("original", (ben, cleo) => cleo < 0.005 && toDb(ben / original) > -3);
      console.log(
        `${transport.mode} back to original: Cleo gone, Ben at full level after ${elapsed.toFixed(0)} ms`,
      );
      expect(elapsed).toBeLessThan(500);
      await transport.expectInterpreterDelivered(meeting, "original");
    });

    it("silences an interpreter who goes off the air, even when her client keeps sending, and gives the floor back its full level", async () => {
      const meeting = current();
      const { ada, cleo } = meeting.people;
      await switchTo("fr", (_ben, heardCleo) => heardCleo > 0.02);
      await hook(cleo.page, `h.send("interpreter_live", { live: false })`);
      const tamper = keepPublishing(cleo.page);
      try {
        await timeUntil(
          "Cleo silent",
          () => loudness(ada.page, TONES.cleo),
          (v) => v < 0.005,
          3000,
          50,
        );
        await timeUntil(
          "Ben back at full level",
          () => loudness(ada.page, TONES.ben),
          (v) => toDb(v / original) > -3,
          3000,
          50,
        );
        // She stays silent while her client keeps trying.
        for (let i = 0; i < 6; i++) {
          expect(await loudness(ada.page, TONES.cleo)).toBeLessThan(0.005);
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      } finally {
        await tamper.stop();
      }
      console.log(
        `${transport.mode}: off-air Cleo's client sent anyway ${tamper.attempts.length} times: ${[...new Set(tamper.attempts)].join(" | ")}`,
      );
      expect(tamper.attempts.length).toBeGreaterThan(3);
    });

    it("logged no page errors", () => {
      for (const browser of Object.values(current().people)) expect(browser.errors).toEqual([]);
    });
  });

  return { meeting: current };
}

import { describe, expect, it } from "vitest";
import { ACTIONS, can, mayTarget } from "../../shared/consultation/permissions.ts";
import { isSpeakerRole } from "../../shared/consultation/roles.ts";
import { speakRefusal } from "../../shared/consultation/speaking-mode.ts";
import {
  channelFor,
  decibelsToGain,
  FLOOR_DUCKED_GAIN,
  FLOOR_DUCKING_DB,
  initialChoice,
  interpretersToReceive,
  isListenerChoice,
  listeningOptions,
  nextListening,
  ORIGINAL,
  routeVoice,
} from "../../shared/voice/interpretation-routing.ts";
import {
  checkGoLive,
  checkInterpretInto,
  checkLanguagePair,
  displacedBy,
  type Interpreter,
  interpretationChannels,
  liveInterpreterFor,
} from "../../shared/voice/interpreter-channels.ts";
import { meshLinks, nearestPeers } from "../../shared/voice/nearest-peers.ts";
import { FLOOR_PA_GAIN } from "../../shared/voice/spatial-math.ts";

const anna: Interpreter = { id: "anna", languages: ["nl", "fr"], interpreting: "fr", live: true };
const bram: Interpreter = { id: "bram", languages: ["nl", "fr"], interpreting: "fr", live: false };
const emma: Interpreter = { id: "emma", languages: ["en", "nl"], interpreting: "en", live: true };

const floorHolder = { id: "speaker", hasFloor: true, interpreter: false };
const neighbour = { id: "neighbour", hasFloor: false, interpreter: false };
const toDb = (gain: number) => 20 * Math.log10(gain);

describe("language pairs and channels", () => {
  it("accepts two different languages of the hall and nothing else", () => {
    expect(checkLanguagePair(["nl", "fr"])).toEqual({ ok: true });
    expect(checkLanguagePair(["fr", "en"])).toEqual({ ok: true });
    for (const bad of [["nl", "nl"], ["nl"], ["nl", "fr", "en"], ["nl", "de"], [], ["", "fr"]])
      expect(checkLanguagePair(bad), JSON.stringify(bad)).toEqual({
        ok: false,
        code: "invalid_language_pair",
      });
  });

  it("lets an interpreter speak only into a language of their pair, and go live only once they chose one", () => {
    expect(checkInterpretInto(anna, "nl")).toEqual({ ok: true });
    expect(checkInterpretInto(anna, "en")).toEqual({ ok: false, code: "language_not_in_pair" });
    expect(checkGoLive({ ...anna, interpreting: "" })).toEqual({ ok: false, code: "no_channel_chosen" });
    expect(checkGoLive(bram)).toEqual({ ok: true });
  });

  it("keeps one live interpreter per channel: going live takes the other off the air", () => {
    expect(displacedBy([anna, bram, emma], "bram", "fr")).toEqual(["anna"]);
    expect(displacedBy([anna, bram, emma], "anna", "fr")).toEqual([]);
    // Flipping direction into Dutch displaces nobody: Emma is live into English.
    expect(displacedBy([anna, bram, emma], "anna", "nl")).toEqual([]);
    expect(liveInterpreterFor([anna, bram, emma], "fr")).toBe("anna");
    expect(liveInterpreterFor([{ ...anna, live: false }, bram], "fr")).toBeUndefined();
  });

  it("offers a channel for every language an assigned interpreter holds", () => {
    expect([...interpretationChannels([anna])].sort()).toEqual(["fr", "nl"]);
    expect([...interpretationChannels([anna, emma])].sort()).toEqual(["en", "fr", "nl"]);
    expect(interpretationChannels([]).size).toBe(0);
  });
});

describe("what a listener hears", () => {
  it("ducks the floor by 15 dB under a live interpretation", () => {
    expect(FLOOR_DUCKING_DB).toBe(-15);
    expect(toDb(FLOOR_DUCKED_GAIN)).toBeCloseTo(-15, 6);
    expect(decibelsToGain(0)).toBe(1);
    const ducked = routeVoice(floorHolder, "anna");
    const original = routeVoice(floorHolder, undefined);
    expect(original).toEqual({ spatial: 1, pa: FLOOR_PA_GAIN });
    expect(toDb(ducked.pa / original.pa)).toBeCloseTo(-15, 6);
    expect(toDb(ducked.spatial / original.spatial)).toBeCloseTo(-15, 6);
  });

  it("plays the live interpreter of one's language at PA level, not in space, and no other interpreter", () => {
    expect(routeVoice({ id: "anna", hasFloor: false, interpreter: true }, "anna")).toEqual({
      spatial: 0,
      pa: FLOOR_PA_GAIN,
    });
    expect(routeVoice({ id: "bram", hasFloor: false, interpreter: true }, "anna")).toEqual({
      spatial: 0,
      pa: 0,
    });
    expect(routeVoice({ id: "anna", hasFloor: false, interpreter: true }, undefined)).toEqual({
      spatial: 0,
      pa: 0,
    });
  });

  it("leaves voices near the listener untouched whatever the choice", () => {
    expect(routeVoice(neighbour, "anna")).toEqual({ spatial: 1, pa: 0 });
    expect(routeVoice(neighbour, undefined)).toEqual({ spatial: 1, pa: 0 });
  });

  it("gives the original to a listener whose language has nobody live, and on 'original'", () => {
    expect(channelFor("fr", [anna, bram])).toBe("anna");
    expect(channelFor(ORIGINAL, [anna, bram])).toBeUndefined();
    expect(channelFor("fr", [{ ...anna, live: false }, bram])).toBeUndefined();
    expect(channelFor("en", [anna, bram])).toBeUndefined();
  });

  it("starts with the remembered choice, else the interface language when a channel holds it", () => {
    expect(initialChoice("original", "fr", [anna])).toBe("original");
    expect(initialChoice("nl", "fr", [anna])).toBe("nl");
    expect(initialChoice(null, "fr", [anna])).toBe("fr");
    expect(initialChoice(null, "en", [anna])).toBe("original");
    expect(initialChoice("garbage", "fr", [])).toBe("original");
    expect(isListenerChoice("de")).toBe(false);
  });

  it("offers the original and each language an interpreter holds, and steps through them", () => {
    expect(listeningOptions([anna])).toEqual(["original", "nl", "fr"]);
    expect(listeningOptions([anna, emma])).toEqual(["original", "en", "nl", "fr"]);
    expect(listeningOptions([])).toEqual(["original"]);
    expect(nextListening("original", ["original", "nl", "fr"])).toBe("nl");
    expect(nextListening("fr", ["original", "nl", "fr"])).toBe("original");
    // A remembered language nobody interprets any more steps to the first one offered.
    expect(nextListening("en", ["original", "nl", "fr"])).toBe("original");
  });

  it("receives through LiveKit only the interpreters into the chosen language", () => {
    expect([...interpretersToReceive("fr", [anna, bram, emma])].sort()).toEqual(["anna", "bram"]);
    expect([...interpretersToReceive("en", [anna, bram, emma])]).toEqual(["emma"]);
    expect(interpretersToReceive(ORIGINAL, [anna, bram, emma]).size).toBe(0);
  });
});

describe("interpreters on the peer-to-peer mesh", () => {
  const members = Array.from({ length: 20 }, (_, i) => ({
    id: `p${String(i).padStart(2, "0")}`,
    x: i,
    z: 0,
  }));

  it("links every listener to every interpreter, outside the nearest few, and both ends agree", () => {
    const interpreters = new Set(["p19"]);
    const picked = nearestPeers(members[0] as (typeof members)[number], members, "", 3, interpreters);
    expect([...picked].sort()).toEqual(["p01", "p02", "p03", "p19"]);
    expect(meshLinks("p19", members, "", 3, interpreters).size).toBe(19);
    for (const a of members)
      for (const b of members) {
        if (a.id === b.id) continue;
        expect(meshLinks(b.id, members, "", 3, interpreters).has(a.id), `${a.id}-${b.id}`).toBe(
          meshLinks(a.id, members, "", 3, interpreters).has(b.id),
        );
      }
  });
});

describe("the interpreter role", () => {
  const interpreter = { role: "interpreter", hasFloor: false, mutedByFacilitator: false };

  it("speaks whatever the mode, but only while live, unmuted and open", () => {
    expect(speakRefusal({ ...interpreter, interpreterLive: true }, "town_hall", "open")).toBeUndefined();
    expect(speakRefusal({ ...interpreter, interpreterLive: true }, "open", "open")).toBeUndefined();
    expect(speakRefusal(interpreter, "open", "open")).toBe("interpreter_not_live");
    expect(
      speakRefusal({ ...interpreter, interpreterLive: true, mutedByFacilitator: true }, "open", "open"),
    ).toBe("muted_by_facilitator");
    expect(speakRefusal({ ...interpreter, interpreterLive: true }, "open", "closed")).toBe(
      "consultation_closed",
    );
    // Being live means nothing for anyone else.
    expect(
      speakRefusal(
        { role: "citizen", hasFloor: false, mutedByFacilitator: false, interpreterLive: true },
        "town_hall",
        "open",
      ),
    ).toBe("floor_required");
  });

  it("is never in the queue nor on the floor, interprets, and may do little else", () => {
    expect(isSpeakerRole("interpreter")).toBe(false);
    expect(ACTIONS.filter((action) => can("interpreter", action))).toEqual([
      "report",
      "own_data",
      "interpret",
    ]);
    expect(ACTIONS.filter((action) => can("citizen", action))).not.toContain("interpret");
    expect(ACTIONS.filter((action) => can("lead", action))).not.toContain("interpret");
    expect(can("co_facilitator", "assign_interpreter")).toBe(true);
    expect(can("citizen", "assign_interpreter")).toBe(false);
    expect(mayTarget("co_facilitator", "interpreter")).toBe(true);
    expect(mayTarget("interpreter", "citizen")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { HEARING_RANGE, speakersToReceive } from "../../shared/voice/hearing-range.ts";
import { isPolitePeer, meshLinks, nearestPeers } from "../../shared/voice/nearest-peers.ts";

const here = { x: 0, z: 0 };

describe("hearing range", () => {
  it("receives speakers within range and not those beyond", () => {
    const next = speakersToReceive(
      here,
      [
        { id: "near", x: 3, z: 4 },
        { id: "edge", x: HEARING_RANGE.enter, z: 0 },
        { id: "far", x: 0, z: HEARING_RANGE.enter + 0.5 },
      ],
      new Set(),
      "",
    );
    expect([...next].sort()).toEqual(["edge", "near"]);
  });

  it("keeps a speaker received until they pass the leave distance (no flicker at the edge)", () => {
    const between = HEARING_RANGE.enter + (HEARING_RANGE.leave - HEARING_RANGE.enter) / 2;
    const speaker = [{ id: "b", x: between, z: 0 }];
    expect(speakersToReceive(here, speaker, new Set(["b"]), "").has("b")).toBe(true);
    expect(speakersToReceive(here, speaker, new Set(), "").has("b")).toBe(false);
    expect(
      speakersToReceive(here, [{ id: "b", x: HEARING_RANGE.leave + 0.1, z: 0 }], new Set(["b"]), "").size,
    ).toBe(0);
    // Walking back and forth across the entry line does not toggle once received.
    let received = new Set<string>();
    const states: boolean[] = [];
    for (const x of [19.5, 20.4, 19.8, 20.6, 21.5, 20.9, 22.9, 23.2, 22.5, 19.9]) {
      received = speakersToReceive(here, [{ id: "b", x, z: 0 }], received, "");
      states.push(received.has("b"));
    }
    expect(states).toEqual([true, true, true, true, true, true, true, false, false, true]);
  });

  it("always receives the floor holder, however far", () => {
    const next = speakersToReceive(here, [{ id: "podium", x: 0, z: -40 }], new Set(), "podium");
    expect(next.has("podium")).toBe(true);
  });

  it("at a discussion table receives only that table's speakers, plus the floor holder", () => {
    const atTableTwo = { x: 0, z: 0, table: 2 };
    const speakers = [
      { id: "same", x: 1, z: 0, table: 2 },
      { id: "next-table", x: 2, z: 0, table: 1 },
      { id: "plenary", x: 1, z: 1, table: -1 },
      { id: "podium", x: 0, z: -30, table: -1 },
    ];
    expect([...speakersToReceive(atTableTwo, speakers, new Set(), "podium")].sort()).toEqual([
      "podium",
      "same",
    ]);
    // Someone received already is dropped as soon as the round seats them at another table.
    expect(speakersToReceive(atTableTwo, speakers, new Set(["next-table", "plenary"]), "").size).toBe(1);
    // From the plenary a facilitator hears every table within range.
    expect(speakersToReceive({ x: 0, z: 0, table: -1 }, speakers, new Set(), "").size).toBe(3);
    expect(speakersToReceive(here, speakers, new Set(), "").size).toBe(3);
  });
});

function crowd(count: number) {
  // People in a line, 1 m apart: p00 at x=0, p01 at x=1, ...
  return Array.from({ length: count }, (_, i) => ({ id: `p${String(i).padStart(2, "0")}`, x: i, z: 0 }));
}

describe("nearest peers", () => {
  it("picks the nearest few, closest first, never oneself", () => {
    const members = crowd(12);
    const self = members[0] as (typeof members)[number];
    expect([...nearestPeers(self, members, "", 3)]).toEqual(["p01", "p02", "p03"]);
    expect(nearestPeers(self, members, "").size).toBe(8);
    expect(nearestPeers(self, members, "").has("p00")).toBe(false);
  });

  it("breaks ties by id so every client picks the same", () => {
    const members = [
      { id: "b", x: 1, z: 0 },
      { id: "a", x: -1, z: 0 },
      { id: "me", x: 0, z: 0 },
    ];
    expect([...nearestPeers({ id: "me", x: 0, z: 0 }, members, "", 1)]).toEqual(["a"]);
  });

  it("adds the floor holder beyond the nearest few", () => {
    const members = crowd(20);
    const picked = nearestPeers(members[0] as (typeof members)[number], members, "p19", 8);
    expect(picked.size).toBe(9);
    expect(picked.has("p19")).toBe(true);
  });

  it("links two people when either picks the other, the same from both ends", () => {
    const members = crowd(12);
    for (const a of members) {
      const links = meshLinks(a.id, members, "", 3);
      for (const b of members) {
        if (a.id === b.id) continue;
        expect(meshLinks(b.id, members, "", 3).has(a.id), `${a.id}-${b.id}`).toBe(links.has(b.id));
      }
    }
    // p00's own three nearest, plus nobody else (p04 picks p01..p03 and p05..p07 before p00).
    expect([...meshLinks("p00", members, "", 3)].sort()).toEqual(["p01", "p02", "p03"]);
    // Everyone is linked to the floor holder.
    expect(meshLinks("p00", members, "p11", 3).has("p11")).toBe(true);
    expect(meshLinks("p11", members, "p11", 3).size).toBe(11);
  });

  it("names exactly one polite side per pair", () => {
    expect(isPolitePeer("b", "a")).toBe(true);
    expect(isPolitePeer("a", "b")).toBe(false);
  });
});

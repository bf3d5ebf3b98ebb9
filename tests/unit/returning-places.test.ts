import { describe, expect, it } from "vitest";
import {
  NO_PLACES,
  PLACES_KEPT_MS,
  placesOf,
  readPlaces,
  returnHand,
  takePlaces,
} from "../../shared/consultation/returning-places.ts";
import { raiseHand } from "../../shared/consultation/speaking-queue.ts";

const STOPPED_AT = 1_000_000;

function hallAtStop() {
  let queue = raiseHand([], "bob", 10);
  queue = raiseHand(queue, "cy", 20);
  const people = [
    { id: "ann", seat: 3 },
    { id: "bob", seat: -1 },
    { id: "cy", seat: 5 },
  ];
  return placesOf(people, queue, STOPPED_AT);
}

describe("places given back after a restart", () => {
  it("stores the seated and the raised hands with the moment each went up", () => {
    expect(hallAtStop()).toEqual({
      savedAt: STOPPED_AT,
      hands: [
        { participantId: "bob", raisedAt: 10 },
        { participantId: "cy", raisedAt: 20 },
      ],
      seats: { ann: 3, cy: 5 },
    });
  });

  it("gives each their seat and hand once, and nothing to someone new", () => {
    const cy = takePlaces(hallAtStop(), "cy", STOPPED_AT + 5_000);
    expect(cy.seat).toBe(5);
    expect(cy.hand).toEqual({ participantId: "cy", raisedAt: 20 });
    const again = takePlaces(cy.rest, "cy", STOPPED_AT + 6_000);
    expect(again.seat).toBeUndefined();
    expect(again.hand).toBeUndefined();
    expect(again.rest.seats).toEqual({ ann: 3 });
    const dan = takePlaces(cy.rest, "dan", STOPPED_AT + 6_000);
    expect(dan.seat).toBeUndefined();
    expect(dan.hand).toBeUndefined();
    expect(dan.rest).toBe(cy.rest);
  });

  it("puts a returning hand back in its old order, ahead of hands raised since", () => {
    const since = raiseHand([], "dan", STOPPED_AT + 2_000);
    const bob = takePlaces(hallAtStop(), "bob", STOPPED_AT + 3_000);
    const queue = returnHand(since, bob.hand ?? { participantId: "", raisedAt: 0 });
    expect(queue.map((hand) => hand.participantId)).toEqual(["bob", "dan"]);
    expect(returnHand(queue, { participantId: "bob", raisedAt: 99 })).toBe(queue);
  });

  it("forgets the places of a hall reopened long after it stopped", () => {
    const late = takePlaces(hallAtStop(), "ann", STOPPED_AT + PLACES_KEPT_MS + 1);
    expect(late.seat).toBeUndefined();
    expect(late.rest).toBe(NO_PLACES);
  });

  it("reads a stored document defensively", () => {
    expect(readPlaces(undefined)).toBe(NO_PLACES);
    expect(readPlaces({ savedAt: "x", hands: [], seats: {} })).toBe(NO_PLACES);
    expect(readPlaces({ savedAt: 5, hands: "x", seats: {} })).toBe(NO_PLACES);
    expect(
      readPlaces({
        savedAt: 5,
        hands: [{ participantId: "bob", raisedAt: 1 }, { participantId: 7 }, null],
        seats: { ann: 3, bob: -1, cy: 2.5, dan: "4" },
      }),
    ).toEqual({ savedAt: 5, hands: [{ participantId: "bob", raisedAt: 1 }], seats: { ann: 3 } });
  });
});

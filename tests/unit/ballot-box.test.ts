/**
 * The sealed ballot box's rules without a database: a sealed ballot opens only for its poll, its voter
 * and its secret, and every choice seals to the same number of unrelated bytes; the room's running
 * counts, revised one ballot at a time, equal the tally of the ballots as they stand.
 */
import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { BallotSeal, SEALED_BALLOT_BYTES } from "../../server/store/ballot-seal.ts";
import {
  type Ballot,
  type PollSpec,
  type PollTally,
  reviseTally,
  tallyBallots,
} from "../../shared/consultation/polls.ts";

const seal = new BallotSeal("a session secret of at least thirty-two characters");

describe("a sealed ballot", () => {
  it("opens for its poll and voter only, and not with another secret", () => {
    const sealed = seal.seal("poll-1", "voter-1", [2]);
    expect(seal.open("poll-1", "voter-1", sealed)).toEqual([2]);
    expect(seal.open("poll-1", "voter-2", sealed)).toBeUndefined();
    expect(seal.open("poll-2", "voter-1", sealed)).toBeUndefined();
    expect(
      new BallotSeal("another secret, also thirty-two characters").open("poll-1", "voter-1", sealed),
    ).toBeUndefined();
    const tampered = new Uint8Array(sealed);
    tampered[20] = (tampered[20] ?? 0) ^ 1;
    expect(seal.open("poll-1", "voter-1", tampered)).toBeUndefined();
  });

  it("has the same length for every choice, and new bytes each time", () => {
    const ballots: Ballot[] = [[0], [10], [0, 1, 2, 3], [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]];
    const sealed = ballots.map((ballot) => seal.seal("poll-1", "voter-1", ballot));
    expect(new Set(sealed.map((s) => s.length))).toEqual(new Set([SEALED_BALLOT_BYTES]));
    const again = seal.seal("poll-1", "voter-1", [0]);
    expect(Buffer.from(again).equals(Buffer.from(sealed[0] as Uint8Array))).toBe(false);
    for (const [i, s] of sealed.entries()) expect(seal.open("poll-1", "voter-1", s)).toEqual(ballots[i]);
  });
});

describe("revising a tally one ballot at a time", () => {
  const polls: PollSpec[] = [
    {
      question: "Q",
      kind: "single",
      options: ["a", "b", "c"],
      maxChoices: 1,
      scaleMax: 5,
      anonymous: true,
      reveal: "live",
    },
    {
      question: "Q",
      kind: "multiple",
      options: ["a", "b", "c", "d"],
      maxChoices: 2,
      scaleMax: 5,
      anonymous: true,
      reveal: "live",
    },
    {
      question: "Q",
      kind: "scale",
      options: [],
      maxChoices: 1,
      scaleMax: 10,
      anonymous: true,
      reveal: "live",
    },
    {
      question: "Q",
      kind: "ranking",
      options: ["a", "b", "c"],
      maxChoices: 1,
      scaleMax: 5,
      anonymous: true,
      reveal: "live",
    },
  ];
  const randomBallot = (poll: PollSpec): Ballot => {
    switch (poll.kind) {
      case "single":
        return [randomInt(poll.options.length)];
      case "multiple": {
        const first = randomInt(poll.options.length);
        const second = randomInt(poll.options.length);
        return first === second ? [first] : [first, second];
      }
      case "scale":
        return [1 + randomInt(poll.scaleMax)];
      case "ranking":
        return [0, 1, 2].sort(() => randomInt(3) - 1);
    }
  };

  it.each(polls.map((poll) => ({ poll, kind: poll.kind })))(
    "gives the tally of the last ballots ($kind)",
    ({ poll }) => {
      const current = new Map<number, Ballot>();
      let tally: PollTally = tallyBallots(poll, []);
      for (let i = 0; i < 300; i++) {
        const voter = randomInt(20);
        const ballot = randomBallot(poll);
        tally = reviseTally(poll, tally, current.get(voter), ballot);
        current.set(voter, ballot);
        expect(tally).toEqual(tallyBallots(poll, current.values()));
      }
    },
  );
});

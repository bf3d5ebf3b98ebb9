/**
 * An inspector's attempts to pair voters with their choices from a database snapshot alone: same or
 * neighbouring transaction ids, same or neighbouring commits in SQLite's log, row order, times, a
 * choice stored beside a voter, and stored bytes that look like those of voters whose choice the
 * inspector already knows (informants). Each attack guesses one choice per voter, or none.
 *
 * A choice is "shown" by a row version or a commit when the bytes hold the clear form of exactly one
 * option: the ballot as JSON (`[1]`) or the option's text. Bytes that show several options (the poll's
 * definition, a report) show none.
 */
import type { DatabaseSnapshot, RowVersion } from "./db-inspector.ts";

export interface PollUnderTest {
  readonly pollId: string;
  /** The clear forms of each option's choice. */
  readonly marks: readonly { readonly bytes: Buffer; readonly choice: number }[];
  readonly voters: readonly string[];
  /** Final choices the inspector knows already, from voters who told it. */
  readonly known: ReadonlyMap<string, number>;
}

export type Guesses = ReadonlyMap<string, number | undefined>;

export interface Attack {
  readonly name: string;
  guess(snapshot: DatabaseSnapshot, poll: PollUnderTest): Guesses;
}

function holds(bytes: Buffer, needle: Buffer): boolean {
  return needle.length > 0 && bytes.indexOf(needle) >= 0;
}

/** The one option `bytes` show in the clear, if exactly one. */
function shown(poll: PollUnderTest, bytes: Buffer): number | undefined {
  const choices = new Set(poll.marks.filter((mark) => holds(bytes, mark.bytes)).map((mark) => mark.choice));
  return choices.size === 1 ? [...choices][0] : undefined;
}

/** The most frequent value, or undefined on a tie or when there is none. */
function majority(values: readonly number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0 || (ranked.length > 1 && ranked[0]?.[1] === ranked[1]?.[1])) return undefined;
  return ranked[0]?.[0];
}

const idBytes = (id: string) => Buffer.from(id, "utf8");

function forEachVoter(poll: PollUnderTest, guess: (voter: string) => number | undefined): Guesses {
  return new Map(poll.voters.map((voter) => [voter, guess(voter)]));
}

/** Row versions in which a voter's id is stored. */
function versionsOf(snapshot: DatabaseSnapshot, voter: string): RowVersion[] {
  const id = idBytes(voter);
  return snapshot.versions.filter((version) => holds(version.bytes, id));
}

/** PostgreSQL: the choice shown by what the voter's own transactions wrote (their latest first). */
const sameTransaction: Attack = {
  name: "same transaction id (xmin), live and dead tuples",
  guess(snapshot, poll) {
    const byXid = groupByXid(snapshot);
    return forEachVoter(poll, (voter) => {
      const xids = [...new Set(versionsOf(snapshot, voter).map((v) => v.xmin ?? -1))].sort((a, b) => b - a);
      for (const xid of xids) {
        const choice = majority(choicesIn(poll, byXid.get(xid) ?? []));
        if (choice !== undefined) return choice;
      }
      return undefined;
    });
  },
};

/**
 * Picks, among guesses made at several offsets, the offset that does best on the informants (whose
 * choices the inspector knows), and guesses with it for everyone.
 */
function bestOffset(
  poll: PollUnderTest,
  guessAt: (voter: string, offset: number) => number | undefined,
): Guesses {
  let best = { offset: 1, right: -1 };
  for (const offset of [-3, -2, -1, 1, 2, 3]) {
    let right = 0;
    for (const [informant, choice] of poll.known) if (guessAt(informant, offset) === choice) right++;
    if (right > best.right) best = { offset, right };
  }
  return forEachVoter(poll, (voter) => guessAt(voter, best.offset));
}

/** PostgreSQL: the choice shown by the transaction a few ids before or after the voter's. */
const neighbouringTransaction: Attack = {
  name: "neighbouring transaction ids (xmin ± 1 to 3, offset learnt from informants)",
  guess(snapshot, poll) {
    const byXid = groupByXid(snapshot);
    const own = new Map(
      poll.voters.map((voter) => [voter, new Set(versionsOf(snapshot, voter).map((v) => v.xmin ?? -1))]),
    );
    return bestOffset(poll, (voter, offset) => {
      const xids = own.get(voter) ?? new Set<number>();
      return majority(
        [...xids]
          .filter((xid) => !xids.has(xid + offset))
          .flatMap((xid) => choicesIn(poll, byXid.get(xid + offset) ?? [])),
      );
    });
  },
};

function groupByXid(snapshot: DatabaseSnapshot): Map<number, RowVersion[]> {
  const byXid = new Map<number, RowVersion[]>();
  for (const version of snapshot.versions) {
    if (version.xmin === undefined) continue;
    const list = byXid.get(version.xmin) ?? [];
    list.push(version);
    byXid.set(version.xmin, list);
  }
  return byXid;
}

function choicesIn(poll: PollUnderTest, versions: readonly RowVersion[]): number[] {
  return versions.map((v) => shown(poll, v.bytes)).filter((c): c is number => c !== undefined);
}

/**
 * The choice of each live row that shows one, by the row's long values (its random keys): a version
 * or a page that holds such a key holds that row, in whatever version, and leads to its final choice.
 */
function rowKeys(snapshot: DatabaseSnapshot, poll: PollUnderTest): Map<string, number> {
  const keys = new Map<string, number>();
  const skip = new Set([poll.pollId, ...poll.voters]);
  for (const version of snapshot.versions) {
    if (!version.live) continue;
    const choice = shown(poll, version.bytes);
    if (choice === undefined) continue;
    for (const value of Object.values(version.cells ?? {}))
      if (typeof value === "string" && value.length >= 16 && !skip.has(value)) keys.set(value, choice);
  }
  return keys;
}

function keyedChoices(keys: ReadonlyMap<string, number>, bytes: Buffer, before?: Buffer): number[] {
  const found: number[] = [];
  for (const [key, choice] of keys) {
    const id = idBytes(key);
    if (holds(bytes, id) && !(before && holds(before, id))) found.push(choice);
  }
  return found;
}

/** PostgreSQL: rows written by the voter's transactions, followed by their keys to their live version. */
const sameTransactionKeys: Attack = {
  name: "same transaction id (xmin), rows followed by key to their live version",
  guess(snapshot, poll) {
    const byXid = groupByXid(snapshot);
    const keys = rowKeys(snapshot, poll);
    return forEachVoter(poll, (voter) => {
      const xids = new Set(versionsOf(snapshot, voter).map((v) => v.xmin ?? -1));
      const found = [...xids].flatMap((xid) =>
        (byXid.get(xid) ?? []).flatMap((v) => keyedChoices(keys, v.bytes)),
      );
      return majority(found);
    });
  },
};

/** Byte ranges where `image` differs from `before` (all of it without one), close ranges merged. */
function changedBytes(image: Buffer, before: Buffer | undefined): Buffer[] {
  if (!before) return [image];
  const runs: Buffer[] = [];
  let start = -1;
  let lastDiff = -1;
  for (let i = 0; i < image.length; i++) {
    if (image[i] === before[i]) continue;
    if (start < 0 || i - lastDiff > 8) {
      if (start >= 0) runs.push(image.subarray(start, lastDiff + 1));
      start = i;
    }
    lastDiff = i;
  }
  if (start >= 0) runs.push(image.subarray(start, lastDiff + 1));
  return runs;
}

/**
 * SQLite: per commit, the voters whose id newly appears on a page, the choice its changed bytes show,
 * and the choice of the rows whose keys newly appear on a page.
 */
function walCommits(snapshot: DatabaseSnapshot, poll: PollUnderTest) {
  const keys = rowKeys(snapshot, poll);
  return snapshot.commits.map((commit) => {
    const fresh = new Set<string>();
    const choices: number[] = [];
    const keyed: number[] = [];
    for (const page of commit.pages) {
      for (const voter of poll.voters) {
        const id = idBytes(voter);
        if (holds(page.image, id) && !(page.before && holds(page.before, id))) fresh.add(voter);
      }
      for (const run of changedBytes(page.image, page.before)) {
        const choice = shown(poll, run);
        if (choice !== undefined) choices.push(choice);
      }
      keyed.push(...keyedChoices(keys, page.image, page.before));
    }
    return { fresh, choice: majority(choices), keyed: majority(keyed) };
  });
}

/**
 * The commit that wrote the voter's id with the fewest other voters' (a page split or a rewrite moves
 * many ids at once; a vote writes one), earliest first, and the choice that commit shows.
 */
function commitAttack(
  name: string,
  pick: (commit: ReturnType<typeof walCommits>[number]) => number | undefined,
): Attack {
  return {
    name,
    guess(snapshot, poll) {
      const commits = walCommits(snapshot, poll);
      return forEachVoter(poll, (voter) => {
        let best: { size: number; choice: number } | undefined;
        for (const commit of commits) {
          const choice = pick(commit);
          if (!commit.fresh.has(voter) || choice === undefined) continue;
          if (!best || commit.fresh.size < best.size) best = { size: commit.fresh.size, choice };
        }
        return best?.choice;
      });
    },
  };
}

const sameCommit = commitAttack(
  "same commit in the write-ahead log, changed bytes",
  (commit) => commit.choice,
);
const sameCommitKeys = commitAttack(
  "same commit in the write-ahead log, rows followed by key",
  (commit) => commit.keyed,
);

/** SQLite: the choice shown by the commit a few before or after the one that wrote the voter's id. */
const neighbouringCommit: Attack = {
  name: "neighbouring commits in the write-ahead log (± 1 to 3, offset learnt from informants)",
  guess(snapshot, poll) {
    const commits = walCommits(snapshot, poll);
    const own = new Map<string, number>();
    for (const voter of poll.voters) {
      let best: { size: number; index: number } | undefined;
      for (const [index, commit] of commits.entries())
        if (commit.fresh.has(voter) && (!best || commit.fresh.size < best.size))
          best = { size: commit.fresh.size, index };
      if (best) own.set(voter, best.index);
    }
    return bestOffset(poll, (voter, offset) => {
      const index = own.get(voter);
      const commit = index === undefined ? undefined : commits[index + offset];
      return commit?.choice ?? commit?.keyed;
    });
  },
};

/** A choice in the clear in a row (live or dead) that also holds the voter's id. */
const sameRow: Attack = {
  name: "choice stored beside the voter (same row, any version)",
  guess(snapshot, poll) {
    return forEachVoter(poll, (voter) => majority(choicesIn(poll, versionsOf(snapshot, voter))));
  },
};

const byPlace = (a: RowVersion, b: RowVersion) => a.table.localeCompare(b.table) || a.position - b.position;

/** The i-th voter row (in table order, ctid or scan order) with the i-th row that shows a choice. */
const rowOrder: Attack = {
  name: "row order (ctid or scan order)",
  guess(snapshot, poll) {
    const pollId = idBytes(poll.pollId);
    const live = snapshot.versions.filter((v) => v.live).sort(byPlace);
    const voterRows = live.filter((v) => holds(v.bytes, pollId));
    const order: string[] = [];
    for (const row of voterRows)
      for (const voter of poll.voters)
        if (!order.includes(voter) && holds(row.bytes, idBytes(voter))) order.push(voter);
    const choices = live.map((v) => shown(poll, v.bytes)).filter((c): c is number => c !== undefined);
    return forEachVoter(poll, (voter) => {
      const rank = order.indexOf(voter);
      return rank >= 0 && choices.length === order.length ? choices[rank] : undefined;
    });
  },
};

function timesIn(version: RowVersion): number[] {
  return Object.values(version.cells ?? {})
    .map(Number)
    .filter((n) => Number.isFinite(n) && n > 1e12 && n < 1e14);
}

/** The row showing a choice whose time is nearest to a time stored with the voter's row. */
const nearestTime: Attack = {
  name: "nearest time",
  guess(snapshot, poll) {
    const pollId = idBytes(poll.pollId);
    const live = snapshot.versions.filter((v) => v.live);
    const timed = live.flatMap((v) => {
      const choice = shown(poll, v.bytes);
      return choice === undefined ? [] : timesIn(v).map((at) => ({ at, choice }));
    });
    return forEachVoter(poll, (voter) => {
      const times = live
        .filter((v) => holds(v.bytes, pollId) && holds(v.bytes, idBytes(voter)))
        .flatMap(timesIn);
      let best: { distance: number; choice: number } | undefined;
      for (const at of times)
        for (const candidate of timed) {
          const distance = Math.abs(candidate.at - at);
          if (!best || distance < best.distance) best = { distance, choice: candidate.choice };
        }
      return best?.choice;
    });
  },
};

/** Removes every occurrence of each of `cut` from `bytes`. */
function without(bytes: Buffer, cut: readonly Buffer[]): Buffer {
  let out = bytes;
  for (const needle of cut) {
    const parts: Buffer[] = [];
    let from = 0;
    for (let at = out.indexOf(needle); at >= 0; at = out.indexOf(needle, from)) {
      parts.push(out.subarray(from, at));
      from = at + needle.length;
    }
    parts.push(out.subarray(from));
    out = Buffer.concat(parts);
  }
  return out;
}

function similarity(a: Buffer, b: Buffer): number {
  const length = Math.max(a.length, b.length);
  if (length === 0) return 1;
  let equal = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] === b[i]) equal++;
  return (a.length === b.length ? 1 : 0) + equal / length;
}

/**
 * What is stored for the voter in this poll (their row versions, ids cut out), compared with the same
 * for each informant: the most alike informants' choice. Catches choices stored in a form the
 * inspector cannot read but can compare: unpadded lengths, deterministic encryption, repeated bytes.
 */
const likeAnInformant: Attack = {
  name: "stored bytes most like an informant's (lengths, equal bytes)",
  guess(snapshot, poll) {
    const pollId = idBytes(poll.pollId);
    const ids = [pollId, ...poll.voters.map(idBytes)];
    const features = new Map(
      poll.voters.map((voter) => [
        voter,
        Buffer.concat(
          versionsOf(snapshot, voter)
            .filter((v) => holds(v.bytes, pollId))
            .sort((a, b) => (a.xmin ?? 0) - (b.xmin ?? 0) || byPlace(a, b))
            .map((v) => without(v.bytes, ids)),
        ),
      ]),
    );
    return forEachVoter(poll, (voter) => {
      const mine = features.get(voter) ?? Buffer.alloc(0);
      let best = -1;
      let choices: number[] = [];
      for (const [informant, choice] of poll.known) {
        if (informant === voter) continue;
        const score = similarity(mine, features.get(informant) ?? Buffer.alloc(0));
        if (score > best) [best, choices] = [score, [choice]];
        else if (score === best) choices.push(choice);
      }
      return majority(choices);
    });
  },
};

export const ATTACKS: readonly Attack[] = [
  sameTransaction,
  sameTransactionKeys,
  neighbouringTransaction,
  sameCommit,
  sameCommitKeys,
  neighbouringCommit,
  sameRow,
  rowOrder,
  nearestTime,
  likeAnInformant,
];

function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let result = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) result = (result * (n - Math.min(k, n - k) + i)) / i;
  return result;
}

/**
 * The chance of `correct` or more right guesses out of `n` voters, `truthZeros` of whom chose option 0,
 * when who chose what is a uniformly random arrangement independent of guesses that name option 0 for
 * `zeros` of them (option 1 for the others): right guesses are then 2Y + n - truthZeros - zeros, with Y
 * hypergeometric (the option-0 guesses that hit an option-0 voter).
 */
export function chanceOfAtLeast(n: number, truthZeros: number, zeros: number, correct: number): number {
  let total = 0;
  for (let y = Math.max(0, zeros - (n - truthZeros)); y <= Math.min(truthZeros, zeros); y++)
    if (2 * y + n - truthZeros - zeros >= correct)
      total += (choose(truthZeros, y) * choose(n - truthZeros, zeros - y)) / choose(n, zeros);
  return Math.min(1, total);
}

export interface PairingResult {
  readonly attack: string;
  readonly correct: number;
  readonly of: number;
  /** Probability of doing at least this well by chance, without any link between voters and choices. */
  readonly pValue: number;
}

/**
 * Scores guesses against the truth for the voters the inspector did not know (a guess left out counts
 * as option 0). `truth` gives each voter option 0 or 1, at random.
 */
export function scorePairing(
  attack: string,
  truth: ReadonlyMap<string, number>,
  guesses: Guesses,
): PairingResult {
  let correct = 0;
  let zeros = 0;
  let truthZeros = 0;
  for (const [voter, choice] of truth) {
    const guess = guesses.get(voter) ?? 0;
    if (guess === 0) zeros++;
    if (choice === 0) truthZeros++;
    if (guess === choice) correct++;
  }
  return { attack, correct, of: truth.size, pValue: chanceOfAtLeast(truth.size, truthZeros, zeros, correct) };
}

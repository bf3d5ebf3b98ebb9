/**
 * A migration step, run once when a store from before the sealed ballot box is opened: ballots stored
 * then sat in `ballots` beside `poll_voters`, written by the same transaction and so linkable. An open
 * poll's ballots move, sealed, into their voters' rows (found through the old HMAC ballot keys, which
 * the session secret recomputes); a closed poll's ballots become its tally, and its voter rows go. A
 * named poll keeps each voter's choice, as it announced. Afterwards nothing in `ballots` belongs to an
 * anonymous poll, and docs/privacy.md says what old bytes the log and dead tuples may still hold.
 */
import { type Ballot, type Poll, tallyBallots } from "../../shared/consultation/polls.ts";
import type { BallotSeal } from "./ballot-seal.ts";
import type { SqlRunner } from "./sql-method-records.ts";

export async function convertLegacyBallots(sql: SqlRunner, seal: BallotSeal): Promise<void> {
  const polls = (await sql.all("SELECT body FROM polls")).map((row) => JSON.parse(String(row.body)) as Poll);
  for (const poll of polls) {
    const ballots = await sql.all("SELECT ballot_key, voter_id, choices FROM ballots WHERE poll_id = ?", [
      poll.id,
    ]);
    const voters = (await sql.all("SELECT participant_id FROM poll_voters WHERE poll_id = ?", [poll.id])).map(
      (row) => String(row.participant_id),
    );
    if (ballots.length === 0 && voters.length === 0) continue;
    const choicesOf = (row: { choices?: unknown }) => JSON.parse(String(row.choices)) as Ballot;
    if (poll.status === "open") {
      const byKey = new Map(ballots.map((row) => [String(row.ballot_key), choicesOf(row)]));
      for (const voter of voters) {
        const ballot = byKey.get(seal.legacyBallotKey(poll.id, voter));
        if (ballot)
          await sql.run("UPDATE poll_voters SET sealed_ballot = ? WHERE poll_id = ? AND participant_id = ?", [
            seal.seal(poll.id, voter, ballot),
            poll.id,
            voter,
          ]);
        else
          await sql.run("DELETE FROM poll_voters WHERE poll_id = ? AND participant_id = ?", [poll.id, voter]);
      }
      await sql.run("DELETE FROM ballots WHERE poll_id = ?", [poll.id]);
      continue;
    }
    const tally = tallyBallots(poll, ballots.map(choicesOf));
    await sql.run(
      "INSERT INTO poll_tallies (poll_id, ballots, counts) VALUES (?, ?, ?) ON CONFLICT (poll_id) DO NOTHING",
      [poll.id, tally.ballots, JSON.stringify(tally.counts)],
    );
    await sql.run("DELETE FROM poll_voters WHERE poll_id = ?", [poll.id]);
    if (poll.anonymous) await sql.run("DELETE FROM ballots WHERE poll_id = ?", [poll.id]);
  }
}

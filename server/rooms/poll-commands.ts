/**
 * Polls: created, opened and closed by facilitators, voted on by participants. The store keeps each
 * voter's ballot sealed in their voter row and, at close, only the tally (server/store/ballot-seal.ts,
 * docs/privacy.md); the room holds counts, never who chose what: a re-vote's earlier choice comes back
 * from the store to be taken out of the counts.
 */
import {
  checkBallot,
  closePoll,
  openPoll,
  type Poll,
  type PollTally,
  resultsVisible,
  reviseTally,
  tallyBallots,
} from "../../shared/consultation/polls.ts";
import { PollState } from "../../shared/state/town-hall-state.ts";
import { newId } from "../auth/secrets.ts";
import { pollFromSpec } from "../consultations/consultation-close.ts";
import type { ConsultationStore } from "../store/consultation-store.ts";
import { commit, type HallContext, type StoredChange } from "./hall-context.ts";
import { refused } from "./refusal.ts";

interface PollEntry {
  poll: Poll;
  tally: PollTally;
}

export class PollCommands {
  readonly #hall: HallContext;
  readonly #polls = new Map<string, PollEntry>();

  constructor(hall: HallContext) {
    this.#hall = hall;
  }

  get #id(): string {
    return this.#hall.state.consultation.id;
  }

  has(pollId: string): boolean {
    return this.#polls.has(pollId);
  }

  async restore(): Promise<void> {
    const store = this.#hall.store;
    for (const poll of await store.listPolls(this.#id)) {
      const entry: PollEntry = { poll, tally: await store.pollTally(poll) };
      this.#polls.set(poll.id, entry);
      this.#sync(entry);
    }
    this.#hall.state.activePollId = (await store.loadDocument<string>(this.#id, "active_poll")) ?? "";
  }

  get requests() {
    const { pipeline } = this.#hall;
    return {
      poll_create: pipeline.request("poll_create", "run_polls", async (_actor, message) => {
        const made = pollFromSpec(newId(), message);
        if (!made.ok) refused(made.code);
        const entry: PollEntry = { poll: made.poll, tally: tallyBallots(made.poll, []) };
        const poll: Poll = message.open ? { ...made.poll, status: "open" } : made.poll;
        await this.#hall.store.transaction(async (tx) => {
          await tx.savePoll(this.#id, poll, this.#hall.now());
          if (message.open) await tx.saveDocument(this.#id, "active_poll", poll.id);
        });
        entry.poll = poll;
        this.#polls.set(poll.id, entry);
        if (message.open) this.#hall.state.activePollId = poll.id;
        this.#sync(entry);
        return { pollId: poll.id };
      }),
      poll_open: pipeline.request("poll_open", "run_polls", (_actor, message) =>
        this.#move(message.pollId, openPoll, (entry, poll) => this.#show(entry, poll)),
      ),
      poll_close: pipeline.request("poll_close", "run_polls", (_actor, message) =>
        this.#move(message.pollId, closePoll, (entry, poll) => this.#closing(entry, poll)),
      ),
      cast_ballot: pipeline.request("cast_ballot", "vote", async (actor, message) => {
        const entry = this.#polls.get(message.pollId) ?? refused("unknown_poll");
        const check = checkBallot(entry.poll, message.choices);
        if (!check.ok) refused(check.code);
        const previous = await this.#hall.store.castBallot({
          pollId: entry.poll.id,
          voterId: actor.id,
          choices: message.choices,
        });
        entry.tally = reviseTally(entry.poll, entry.tally, previous, message.choices);
        this.#sync(entry);
        return undefined;
      }),
    };
  }

  /** An agenda item linked to a poll starts: the poll opens (if still a draft) and goes on screen. */
  linkedStarts(pollId: string | undefined): StoredChange | undefined {
    const entry = pollId === undefined ? undefined : this.#polls.get(pollId);
    if (!entry) return undefined;
    return this.#show(entry, entry.poll.status === "draft" ? { ...entry.poll, status: "open" } : entry.poll);
  }

  /** The consultation closes: every open poll closes, its tally stored and its voter rows deleted. */
  closeAll(): StoredChange {
    const changes = [...this.#polls.values()]
      .filter((entry) => entry.poll.status === "open")
      .map((entry) => this.#closing(entry, { ...entry.poll, status: "closed" }));
    return {
      async write(tx) {
        for (const change of changes) await change.write(tx);
      },
      apply: () => {
        for (const change of changes) change.apply();
      },
    };
  }

  /** Opens or closes a poll by `rule`, storing and applying what `change` makes of the new poll. */
  async #move(
    pollId: string,
    rule: typeof openPoll,
    change: (entry: PollEntry, poll: Poll) => StoredChange,
  ): Promise<undefined> {
    const entry = this.#polls.get(pollId) ?? refused("unknown_poll");
    const result = rule(entry.poll);
    if (!result.ok) refused(result.code);
    await commit(this.#hall, change(entry, result.poll));
    return undefined;
  }

  /** Stores `poll` and puts it on screen. */
  #show(entry: PollEntry, poll: Poll): StoredChange {
    return {
      write: async (tx) => {
        if (poll !== entry.poll) await tx.savePoll(this.#id, poll, this.#hall.now());
        await tx.saveDocument(this.#id, "active_poll", poll.id);
      },
      apply: () => {
        entry.poll = poll;
        this.#hall.state.activePollId = poll.id;
        this.#sync(entry);
      },
    };
  }

  #closing(entry: PollEntry, poll: Poll): StoredChange {
    let tally = entry.tally;
    return {
      write: async (tx: ConsultationStore) => {
        await tx.savePoll(this.#id, poll, this.#hall.now());
        tally = await tx.closeBallots(poll);
      },
      apply: () => {
        entry.poll = poll;
        entry.tally = tally;
        this.#sync(entry);
      },
    };
  }

  #sync(entry: PollEntry): void {
    const polls = this.#hall.state.polls;
    let state = polls.get(entry.poll.id);
    if (!state) {
      state = new PollState();
      const poll = entry.poll;
      Object.assign(state, {
        id: poll.id,
        question: poll.question,
        kind: poll.kind,
        maxChoices: poll.maxChoices,
        scaleMax: poll.scaleMax,
        anonymous: poll.anonymous,
        reveal: poll.reveal,
      });
      state.options.push(...poll.options);
      polls.set(poll.id, state);
    }
    const tally = entry.tally;
    state.status = entry.poll.status;
    state.ballots = tally.ballots;
    const counts = resultsVisible(entry.poll) ? tally.counts : [];
    if (counts.join(",") !== [...state.counts].join(",")) {
      state.counts.clear();
      state.counts.push(...counts);
    }
  }
}

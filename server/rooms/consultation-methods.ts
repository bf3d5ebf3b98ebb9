/**
 * The consultation methods inside one room: agenda, polls, ideas wall, participatory budget,
 * discussion tables, slides and closing. Every message follows the room's path: validate, check the
 * sender's permission from the room's own view of their role, apply the pure rule from
 * shared/consultation, store what must last, update the state, and only then answer `{ ok: true }`.
 * Requests run one at a time per room, so the rules always see the state the store holds.
 */
import { createHmac } from "node:crypto";
import type { Client } from "@colyseus/core";
import type { z } from "zod";
import {
  type Agenda,
  currentItem,
  EMPTY_AGENDA,
  editAgenda,
  finishAgenda,
  nextItem,
  previousItem,
} from "../../shared/consultation/agenda.ts";
import type { AuditAction } from "../../shared/consultation/audit.ts";
import { isClosed } from "../../shared/consultation/closing.ts";
import {
  plenarySeatReturns,
  seatAtTable,
  splitIntoTables,
  type TableRound,
  tableOf,
} from "../../shared/consultation/discussion-tables.ts";
import {
  checkIdeaText,
  hideIdea,
  type Idea,
  mergeIdeas,
  newIdea,
  pinIdea,
  toggleUpvote,
} from "../../shared/consultation/ideas-wall.ts";
import { checkReason } from "../../shared/consultation/moderation.ts";
import {
  type Allocation,
  type Budget,
  budgetTotals,
  checkAllocation,
  checkBudget,
} from "../../shared/consultation/participatory-budget.ts";
import { type Action, can } from "../../shared/consultation/permissions.ts";
import {
  type Ballot,
  checkBallot,
  closePoll,
  openPoll,
  type Poll,
  resultsVisible,
  tallyBallots,
} from "../../shared/consultation/polls.ts";
import {
  type ConsultationMessage,
  ConsultationMessages,
  type ConsultationMessageType,
  type MethodAnswer,
} from "../../shared/protocol/consultation-messages.ts";
import { ERROR_CODES, type ErrorBody, type ErrorCode } from "../../shared/protocol/error-codes.ts";
import {
  AgendaItemState,
  ClusterState,
  IdeaState,
  type Participant,
  PollState,
  ProposalState,
  type TownHallState,
} from "../../shared/state/town-hall-state.ts";
import { newId } from "../auth/secrets.ts";
import { closeConsultation, pollFromSpec } from "../consultations/consultation-close.ts";
import { serverLog } from "../logging/rate-limited-log.ts";
import type { ConsultationStore } from "../store/consultation-store.ts";
import { ChatMethods } from "./chat-methods.ts";
import { MethodRefusal, refused } from "./method-refusal.ts";
import { TokenBucket } from "./token-bucket.ts";

/** What the room lends to the methods: its state, store, clock and its own checks. */
export interface MethodHost {
  readonly state: TownHallState;
  readonly store: ConsultationStore;
  readonly now: () => number;
  /** Keys ballots (HMAC), so that a voter's anonymous ballot can be replaced without naming them. */
  readonly ballotSecret: string;
  /**
   * The sender allowed to do `action` by their current role and the consultation's phase; throws a
   * refusal (`not_allowed`, or `consultation_closed` for what a closed consultation no longer accepts).
   */
  actor(client: Client, action: Action): Participant;
  audit(actorId: string, action: AuditAction, targetId?: string, reason?: string): Promise<number>;
  /** Sends the sender an `error` message (rate limited by the room). */
  refuse(client: Client, code: ErrorCode, message: string): void;
  /** Sits a participant down on a hall seat (their avatar moves there). */
  seat(participant: Participant, seat: number): void;
  /** Takes the floor back and lowers every hand on `actorId`'s behalf, audited as the room's floor changes are. */
  endSpeaking(actorId: string): Promise<void>;
}

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  not_allowed: "Your role does not allow this.",
  over_budget: "That is more than the budget.",
  invalid_ballot: "This answer does not fit the poll.",
  poll_not_open: "This poll is not open.",
  rate_limited: "Too many at once. Please wait a moment.",
};

/** Ideas one person may post: five at once, then five a minute, so that the wall and the store stay bounded. */
const IDEA_BURST = 5;
const IDEAS_PER_SECOND = 5 / 60;

function errorBody(error: unknown, type: string): ErrorBody {
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (ERROR_CODES as readonly string[]).includes(code)) {
    const message =
      error instanceof MethodRefusal ? (MESSAGES[code as ErrorCode] ?? code) : (error as Error).message;
    return { code: code as ErrorCode, message };
  }
  serverLog.error(`Unexpected error while handling "${type}":`, error);
  return { code: "internal", message: "Something went wrong on the server." };
}

interface OpenPoll {
  poll: Poll;
  /** Ballot key to ballot; the key is an HMAC, not a participant id. */
  ballots: Map<string, Ballot>;
  /** Sealed ballots (after a restart of a closed poll) have no key any more. */
  sealed: Ballot[];
}

/** Who had the floor since when, for speaking time. */
interface Speaker {
  readonly id: string;
  readonly role: string;
  readonly since: number;
}

export class ConsultationMethods {
  readonly #host: MethodHost;
  #work: Promise<unknown> = Promise.resolve();
  #agenda: Agenda = EMPTY_AGENDA;
  readonly #polls = new Map<string, OpenPoll>();
  readonly #ideas = new Map<string, Idea>();
  readonly #ideaRates = new Map<string, TokenBucket>();
  readonly #authorNames = new Map<string, string>();
  #budget: Budget | undefined;
  readonly #allocations = new Map<string, Allocation>();
  #round: TableRound | undefined;
  /** Where everyone sat when the round started, to send them back there when it ends. */
  #plenarySeats: Record<string, number> = {};
  #slides: { id: string; url: string }[] = [];
  #peak = 0;
  #speaker: Speaker | undefined;
  /** Set once the process is stopping: the departures that follow count no more floor time. */
  #suspended = false;
  readonly #chat: ChatMethods;

  constructor(host: MethodHost) {
    this.#host = host;
    this.#chat = new ChatMethods(host);
  }

  get #id(): string {
    return this.#host.state.consultation.id;
  }

  get closed(): boolean {
    return isClosed(this.#host.state.consultation.phase);
  }

  /** Brings the state back from the store (a restarted process continues where it stopped). */
  async restore(): Promise<void> {
    const store = this.#host.store;
    const id = this.#id;
    this.#agenda = (await store.loadDocument<Agenda>(id, "agenda")) ?? EMPTY_AGENDA;
    for (const poll of await store.listPolls(id)) {
      const entry: OpenPoll = { poll, ballots: new Map(), sealed: [] };
      for (const ballot of await store.listBallots(poll.id)) {
        if (ballot.ballotKey === undefined) entry.sealed.push(ballot.choices);
        else entry.ballots.set(ballot.ballotKey, ballot.choices);
      }
      this.#polls.set(poll.id, entry);
      this.#syncPoll(entry);
    }
    this.#host.state.activePollId = (await store.loadDocument<string>(id, "active_poll")) ?? "";
    for (const stored of await store.listIdeas(id)) {
      this.#ideas.set(stored.id, { ...stored, voterIds: new Set(stored.voterIds) });
      this.#authorNames.set(stored.id, stored.authorName);
    }
    for (const cluster of await store.listClusters(id)) this.#syncCluster(cluster.id, cluster.label);
    for (const idea of this.#ideas.values()) this.#syncIdea(idea);
    const budget = await store.loadDocument<Budget>(id, "budget");
    if (budget) {
      this.#budget = budget;
      for (const row of await store.listAllocations(id))
        this.#allocations.set(row.participantId, row.allocation);
    }
    this.#round = (await store.loadDocument<TableRound | null>(id, "tables")) ?? undefined;
    this.#plenarySeats = (await store.loadDocument<Record<string, number>>(id, "plenary_seats")) ?? {};
    this.#peak = (await store.loadDocument<number>(id, "attendance_peak")) ?? 0;
    this.#slides = (await store.listSlides(id)).map((slide) => ({
      id: slide.id,
      url: this.#slideUrl(slide.id),
    }));
    const shown = (await store.loadDocument<{ current: number }>(id, "slides"))?.current ?? -1;
    await this.#chat.restore();
    if ((await store.findReport(id)) !== undefined) this.#host.state.consultation.phase = "closed";
    this.#syncAgenda();
    this.#syncBudget();
    this.#syncTables();
    this.#syncSlides(shown);
  }

  /** Someone entered the hall: attendance (by device, counts only in the report), the peak, their table. */
  async joined(participant: Participant): Promise<void> {
    await this.#host.store.recordAttendance(this.#id, participant.id, participant.device, participant.role);
    const present = this.#host.state.participants.size;
    if (present > this.#peak) {
      this.#peak = present;
      await this.#host.store.saveDocument(this.#id, "attendance_peak", present);
    }
    if (this.#round?.mode === "assign" && this.#round.seating[participant.id] === undefined) {
      const sizes = new Array<number>(this.#round.count).fill(0);
      for (const table of Object.values(this.#round.seating)) sizes[table] = (sizes[table] ?? 0) + 1;
      const smallest = sizes.indexOf(Math.min(...sizes));
      const seated = seatAtTable(this.#round, participant.id, smallest, true);
      if (seated.ok) {
        this.#round = seated.round;
        await this.#host.store.saveDocument(this.#id, "tables", this.#round);
      }
    }
    participant.table = tableOf(this.#round, participant.id);
  }

  /** The floor changed hands (or was freed): the previous holder's time is stored. */
  floorChanged(holderId: string | undefined): void {
    if (this.#speaker?.id === holderId || this.closed || this.#suspended) return;
    const ended = this.#endSpeaker();
    if (ended)
      this.#serial(ended).catch((error: unknown) => serverLog.error("Could not store speaking time:", error));
    const holder = holderId === undefined ? undefined : this.#host.state.participants.get(holderId);
    this.#speaker = holder ? { id: holder.id, role: holder.role, since: this.#host.now() } : undefined;
  }

  /**
   * The process is stopping: the running floor time is stored, and every write already asked for has
   * finished when this resolves (everything else the room holds is stored as it happens).
   */
  async suspend(): Promise<void> {
    this.#suspended = true;
    const ended = this.#endSpeaker();
    await this.#serial(async () => {
      await ended?.();
    });
  }

  /** Stops the running floor time; returns the write that stores it. */
  #endSpeaker(): (() => Promise<void>) | undefined {
    const speaker = this.#speaker;
    this.#speaker = undefined;
    if (!speaker) return undefined;
    const ms = this.#host.now() - speaker.since;
    return () => this.#host.store.addSpeakingTime(this.#id, speaker.id, speaker.role, ms);
  }

  /** The room's message handlers for the methods, to spread into its `messages`. */
  messages() {
    return {
      agenda_set: this.#handler("agenda_set", "run_agenda", (_actor, m) => this.#setAgenda(m)),
      agenda_next: this.#handler("agenda_next", "run_agenda", () => this.#moveAgenda(nextItem)),
      agenda_previous: this.#handler("agenda_previous", "run_agenda", () => this.#moveAgenda(previousItem)),
      poll_create: this.#handler("poll_create", "run_polls", (_actor, m) => this.#createPoll(m)),
      poll_open: this.#handler("poll_open", "run_polls", (_actor, m) => this.#openPoll(m.pollId)),
      poll_close: this.#handler("poll_close", "run_polls", (_actor, m) => this.#closePoll(m.pollId)),
      cast_ballot: this.#handler("cast_ballot", "vote", (actor, m) => this.#castBallot(actor, m)),
      post_idea: this.#handler("post_idea", "post_idea", (actor, m) => this.#postIdea(actor, m.text)),
      upvote_idea: this.#handler("upvote_idea", "post_idea", (actor, m) => this.#upvote(actor, m.ideaId)),
      pin_idea: this.#handler("pin_idea", "curate_ideas", (_actor, m) => this.#pin(m.ideaId, m.pinned)),
      merge_ideas: this.#handler("merge_ideas", "curate_ideas", (_actor, m) => this.#merge(m)),
      hide_idea: this.#handler("hide_idea", "curate_ideas", (actor, m) =>
        this.#hide(actor, m.ideaId, m.reason),
      ),
      budget_open: this.#handler("budget_open", "run_budget", (_actor, m) => this.#openBudget(m)),
      allocate_budget: this.#handler("allocate_budget", "allocate_budget", (actor, m) =>
        this.#allocate(actor, m.allocation),
      ),
      budget_close: this.#handler("budget_close", "run_budget", () => this.#closeBudget()),
      tables_split: this.#handler("tables_split", "run_tables", (_actor, m) => this.#split(m)),
      choose_table: this.#handler("choose_table", "choose_table", (actor, m) => this.#chooseTable(actor, m)),
      tables_end: this.#handler("tables_end", "run_tables", () => this.#endTables()),
      slide_show: this.#handler("slide_show", "present_slides", (_actor, m) => this.#showSlide(m.index)),
      close_consultation: this.#handler("close_consultation", "close_consultation", (actor) =>
        this.#close(actor),
      ),
      chat_send: this.#handler("chat_send", "chat", (actor, m) => this.#chat.send(actor, m.text)),
      chat_hide: this.#handler("chat_hide", "hide_chat", (actor, m) =>
        this.#chat.hide(actor, m.messageId, m.reason),
      ),
    };
  }

  /** Reloads the slide list after an upload (from the HTTP route). */
  async slidesChanged(): Promise<void> {
    await this.#serial(async () => {
      this.#slides = (await this.#host.store.listSlides(this.#id)).map((slide) => ({
        id: slide.id,
        url: this.#slideUrl(slide.id),
      }));
      this.#syncSlides(this.#host.state.slides.current);
    });
  }

  /** Runs `work` after every earlier request of this room has finished. */
  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#work.then(work);
    this.#work = next.catch(() => undefined);
    return next;
  }

  #handler<K extends ConsultationMessageType>(
    type: K,
    action: Action,
    handle: (
      actor: Participant,
      message: ConsultationMessage<K>,
    ) => Promise<Omit<Extract<MethodAnswer, { ok: true }>, "ok"> | undefined>,
  ) {
    const schema = ConsultationMessages[type] as unknown as z.ZodType<ConsultationMessage<K>>;
    return async (client: Client, raw: unknown): Promise<MethodAnswer> => {
      try {
        const parsed = schema.safeParse(raw ?? {});
        if (!parsed.success) refused("invalid_message");
        const answer = await this.#serial(async () => {
          const actor = this.#host.actor(client, action);
          return handle(actor, parsed.data);
        });
        return { ok: true, ...answer };
      } catch (error) {
        const body = errorBody(error, type);
        this.#host.refuse(client, body.code, body.message);
        return { ok: false, error: body };
      }
    };
  }

  // Agenda

  async #setAgenda(message: ConsultationMessage<"agenda_set">) {
    const items = message.items.map((item) => {
      const title = checkReason(item.title);
      if (!title.ok || [...title.text].length > 120) refused("invalid_request");
      if (item.pollId !== undefined && !this.#polls.has(item.pollId)) refused("unknown_agenda_item");
      return {
        id: item.id ?? newId(),
        title: title.text,
        plannedMinutes: item.plannedMinutes,
        pollId: item.pollId,
      };
    });
    const result = editAgenda(this.#agenda, items);
    if (!result.ok) refused(result.code);
    await this.#host.store.saveDocument(this.#id, "agenda", result.agenda);
    this.#agenda = result.agenda;
    this.#syncAgenda();
    return undefined;
  }

  async #moveAgenda(move: typeof nextItem) {
    const result = move(this.#agenda, this.#host.now());
    if (!result.ok) refused(result.code);
    await this.#host.store.saveDocument(this.#id, "agenda", result.agenda);
    this.#agenda = result.agenda;
    // A linked poll opens when its item starts and goes on screen.
    const pollId = currentItem(result.agenda)?.pollId;
    const linked = pollId === undefined ? undefined : this.#polls.get(pollId);
    if (linked) {
      if (linked.poll.status === "draft") await this.#savePoll(linked, { ...linked.poll, status: "open" });
      await this.#setActivePoll(linked.poll.id);
    }
    this.#syncAgenda();
    return undefined;
  }

  #syncAgenda(): void {
    const target = this.#host.state.agenda;
    target.items.clear();
    for (const item of this.#agenda.items) {
      const state = new AgendaItemState();
      Object.assign(state, {
        id: item.id,
        title: item.title,
        plannedMinutes: item.plannedMinutes,
        pollId: item.pollId ?? "",
        spentMs: item.spentMs,
        started: item.startedAt !== undefined,
      });
      target.items.push(state);
    }
    target.current = this.#agenda.current;
    target.startedAt = this.#agenda.currentSince;
  }

  // Polls

  async #createPoll(message: ConsultationMessage<"poll_create">) {
    const made = pollFromSpec(newId(), message);
    if (!made.ok) refused(made.code);
    const entry: OpenPoll = { poll: made.poll, ballots: new Map(), sealed: [] };
    await this.#savePoll(entry, message.open ? { ...made.poll, status: "open" } : made.poll);
    this.#polls.set(made.poll.id, entry);
    if (message.open) await this.#setActivePoll(made.poll.id);
    this.#syncPoll(entry);
    return { pollId: made.poll.id };
  }

  async #openPoll(pollId: string) {
    const entry = this.#polls.get(pollId) ?? refused("unknown_poll");
    const result = openPoll(entry.poll);
    if (!result.ok) refused(result.code);
    await this.#savePoll(entry, result.poll);
    await this.#setActivePoll(pollId);
    return undefined;
  }

  async #closePoll(pollId: string) {
    const entry = this.#polls.get(pollId) ?? refused("unknown_poll");
    const result = closePoll(entry.poll);
    if (!result.ok) refused(result.code);
    await this.#savePoll(entry, result.poll);
    await this.#host.store.sealBallots(pollId);
    return undefined;
  }

  async #savePoll(entry: OpenPoll, poll: Poll): Promise<void> {
    await this.#host.store.savePoll(this.#id, poll, this.#host.now());
    entry.poll = poll;
    this.#syncPoll(entry);
  }

  async #setActivePoll(pollId: string): Promise<void> {
    await this.#host.store.saveDocument(this.#id, "active_poll", pollId);
    this.#host.state.activePollId = pollId;
  }

  #ballotKey(pollId: string, participantId: string): string {
    return createHmac("sha256", this.#host.ballotSecret)
      .update(`ballot\n${pollId}\n${participantId}`)
      .digest("base64url");
  }

  async #castBallot(actor: Participant, message: ConsultationMessage<"cast_ballot">) {
    const entry = this.#polls.get(message.pollId) ?? refused("unknown_poll");
    const check = checkBallot(entry.poll, message.choices);
    if (!check.ok) refused(check.code);
    const ballotKey = this.#ballotKey(entry.poll.id, actor.id);
    await this.#host.store.castBallot({
      pollId: entry.poll.id,
      voterId: actor.id,
      ballotKey,
      namedVoterId: entry.poll.anonymous ? undefined : actor.id,
      choices: message.choices,
    });
    entry.ballots.set(ballotKey, message.choices);
    this.#syncPoll(entry);
    return undefined;
  }

  #syncPoll(entry: OpenPoll): void {
    const polls = this.#host.state.polls;
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
    const tally = tallyBallots(entry.poll, [...entry.ballots.values(), ...entry.sealed]);
    state.status = entry.poll.status;
    state.ballots = tally.ballots;
    const counts = resultsVisible(entry.poll) ? tally.counts : [];
    if (counts.join(",") !== [...state.counts].join(",")) {
      state.counts.clear();
      state.counts.push(...counts);
    }
  }

  // Ideas wall

  async #postIdea(actor: Participant, raw: string) {
    const text = checkIdeaText(raw);
    if (!text.ok) refused(text.code);
    const now = this.#host.now();
    const rate = this.#ideaRates.get(actor.id) ?? new TokenBucket(IDEA_BURST, IDEAS_PER_SECOND, now);
    this.#ideaRates.set(actor.id, rate);
    if (!rate.take(now)) refused("rate_limited");
    const idea = newIdea(newId(), text.text, actor.id, this.#host.now());
    await this.#host.store.addIdea(this.#id, {
      ...idea,
      authorName: actor.name,
      voterIds: [],
    });
    this.#ideas.set(idea.id, idea);
    this.#authorNames.set(idea.id, actor.name);
    this.#syncIdea(idea);
    return { ideaId: idea.id };
  }

  async #upvote(actor: Participant, ideaId: string) {
    const result = toggleUpvote(this.#ideas.get(ideaId), actor.id);
    if (!result.ok) refused(result.code);
    await this.#host.store.setIdeaVote(ideaId, actor.id, result.upvoted);
    this.#ideas.set(ideaId, result.idea);
    this.#syncIdea(result.idea);
    return { upvoted: result.upvoted };
  }

  async #pin(ideaId: string, pinned: boolean) {
    const result = pinIdea(this.#ideas.get(ideaId), pinned);
    if (!result.ok) refused(result.code);
    await this.#saveIdea(result.idea);
    return undefined;
  }

  async #merge(message: ConsultationMessage<"merge_ideas">) {
    const existing = message.clusterId;
    if (existing !== undefined && !this.#host.state.clusters.has(existing)) refused("invalid_label");
    const clusterId = existing ?? newId();
    const result = mergeIdeas(this.#ideas, message.ideaIds, clusterId, message.label);
    if (!result.ok) refused(result.code);
    if (existing === undefined && result.ideas.length < 2) refused("unknown_idea");
    if (existing === undefined)
      await this.#host.store.addCluster(this.#id, clusterId, result.label, this.#host.now());
    for (const idea of result.ideas) await this.#saveIdea(idea);
    this.#syncCluster(clusterId, existing === undefined ? result.label : undefined);
    return { clusterId };
  }

  async #hide(actor: Participant, ideaId: string, rawReason: string) {
    const reason = checkReason(rawReason);
    if (!reason.ok) refused(reason.code);
    const result = hideIdea(this.#ideas.get(ideaId), reason.text);
    if (!result.ok) refused(result.code);
    await this.#saveIdea(result.idea);
    await this.#host.audit(actor.id, "hide_idea", result.idea.authorId, reason.text);
    return undefined;
  }

  async #saveIdea(idea: Idea): Promise<void> {
    await this.#host.store.updateIdea(idea);
    this.#ideas.set(idea.id, idea);
    this.#syncIdea(idea);
  }

  #syncIdea(idea: Idea): void {
    const ideas = this.#host.state.ideas;
    if (idea.hidden) {
      ideas.delete(idea.id);
      return;
    }
    const existing = ideas.get(idea.id);
    const target = existing ?? new IdeaState();
    Object.assign(target, {
      id: idea.id,
      text: idea.text,
      authorName: this.#authorNames.get(idea.id) ?? "",
      createdAt: idea.createdAt,
      votes: idea.voterIds.size,
      pinned: idea.pinned,
      clusterId: idea.clusterId ?? "",
    });
    if (!existing) ideas.set(idea.id, target);
  }

  #syncCluster(id: string, label: string | undefined): void {
    if (label === undefined) return;
    const cluster = new ClusterState();
    Object.assign(cluster, { id, label });
    this.#host.state.clusters.set(id, cluster);
  }

  // Participatory budget

  async #openBudget(message: ConsultationMessage<"budget_open">) {
    if (this.#budget) refused("invalid_budget");
    const checked = checkBudget(message.total, message.proposals);
    if (!checked.ok) refused(checked.code);
    const budget: Budget = {
      total: message.total,
      proposals: checked.proposals.map((proposal) => ({ id: newId(), ...proposal })),
      status: "open",
    };
    await this.#host.store.saveDocument(this.#id, "budget", budget);
    this.#budget = budget;
    this.#syncBudget();
    return undefined;
  }

  async #allocate(actor: Participant, raw: Allocation) {
    const check = checkAllocation(this.#budget, raw);
    if (!check.ok) refused(check.code);
    await this.#host.store.saveAllocation(this.#id, actor.id, check.allocation);
    this.#allocations.set(actor.id, check.allocation);
    this.#syncBudget();
    return undefined;
  }

  async #closeBudget() {
    if (this.#budget?.status !== "open") refused("budget_not_open");
    const budget: Budget = { ...this.#budget, status: "closed" };
    await this.#host.store.saveDocument(this.#id, "budget", budget);
    this.#budget = budget;
    this.#syncBudget();
    return undefined;
  }

  #syncBudget(): void {
    const target = this.#host.state.budget;
    const budget = this.#budget;
    if (!budget) return;
    const totals = budget.status === "closed" ? budgetTotals(budget, this.#allocations.values()) : undefined;
    target.status = budget.status;
    target.total = budget.total;
    target.allocations = this.#allocations.size;
    if (target.proposals.length !== budget.proposals.length) {
      target.proposals.clear();
      for (const proposal of budget.proposals) {
        const state = new ProposalState();
        Object.assign(state, { id: proposal.id, title: proposal.title, cost: proposal.cost });
        target.proposals.push(state);
      }
    }
    target.proposals.forEach((state, i) => {
      state.allocated = totals?.[i] ?? 0;
    });
  }

  // Discussion tables

  async #split(message: ConsultationMessage<"tables_split">) {
    if (this.#round) await this.#endRound();
    const people = [...this.#host.state.participants.values()]
      .filter((p) => p.role === "citizen" || p.role === "co_facilitator")
      .map((p) => p.id);
    const result = splitIntoTables(
      people,
      message.count,
      message.mode,
      this.#host.now(),
      message.roundMinutes,
    );
    if (!result.ok) refused(result.code);
    const seats: Record<string, number> = {};
    for (const participant of this.#host.state.participants.values())
      if (participant.seat >= 0) seats[participant.id] = participant.seat;
    await this.#host.store.saveDocument(this.#id, "plenary_seats", seats);
    await this.#host.store.saveDocument(this.#id, "tables", result.round);
    this.#plenarySeats = seats;
    this.#round = result.round;
    this.#syncTables();
    return undefined;
  }

  async #chooseTable(actor: Participant, message: ConsultationMessage<"choose_table">) {
    const who = message.participantId ?? actor.id;
    // A facilitator naming someone (themselves included, to join a table in `assign` mode) seats them.
    const byFacilitator = message.participantId !== undefined && can(actor.role, "run_tables");
    if (who !== actor.id && !byFacilitator) refused("not_allowed");
    if (!this.#host.state.participants.has(who)) refused("unknown_participant");
    const result = seatAtTable(this.#round, who, message.table, byFacilitator);
    if (!result.ok) refused(result.code);
    await this.#host.store.saveDocument(this.#id, "tables", result.round);
    this.#round = result.round;
    this.#syncTables();
    return undefined;
  }

  async #endTables() {
    if (!this.#round) refused("no_table_round");
    await this.#endRound();
    this.#syncTables();
    return undefined;
  }

  async #endRound(): Promise<void> {
    const round = this.#round;
    if (!round) return;
    const rounds = (await this.#host.store.loadDocument<unknown[]>(this.#id, "table_rounds")) ?? [];
    rounds.push({
      count: round.count,
      mode: round.mode,
      startedAt: round.startedAt,
      endedAt: this.#host.now(),
      seated: Object.keys(round.seating).length,
    });
    await this.#host.store.saveDocument(this.#id, "table_rounds", rounds);
    await this.#host.store.saveDocument(this.#id, "tables", null);
    this.#round = undefined;
    const participants = this.#host.state.participants;
    const seatsNow = new Map([...participants.values()].map((p) => [p.id, p.seat]));
    for (const { participantId, seat } of plenarySeatReturns(this.#plenarySeats, seatsNow)) {
      const participant = participants.get(participantId);
      if (participant) this.#host.seat(participant, seat);
    }
  }

  #syncTables(): void {
    const target = this.#host.state.tables;
    target.count = this.#round?.count ?? 0;
    target.mode = this.#round?.mode ?? "assign";
    target.startedAt = this.#round?.startedAt ?? 0;
    target.endsAt = this.#round?.endsAt ?? 0;
    for (const participant of this.#host.state.participants.values())
      participant.table = tableOf(this.#round, participant.id);
  }

  // Slides

  #slideUrl(slideId: string): string {
    return `/c/${encodeURIComponent(this.#id)}/slides/${encodeURIComponent(slideId)}`;
  }

  async #showSlide(index: number) {
    if (index >= this.#slides.length) refused("unknown_slide");
    await this.#host.store.saveDocument(this.#id, "slides", { current: index });
    this.#syncSlides(index);
    return undefined;
  }

  #syncSlides(current: number): void {
    const target = this.#host.state.slides;
    const urls = this.#slides.map((slide) => slide.url);
    if (urls.join(" ") !== [...target.urls].join(" ")) {
      target.urls.clear();
      target.urls.push(...urls);
    }
    target.current = current < this.#slides.length ? current : -1;
  }

  // Closing

  async #close(actor: Participant) {
    await this.#endSpeaker()?.();
    const now = this.#host.now();
    this.#agenda = finishAgenda(this.#agenda, now);
    await this.#host.store.saveDocument(this.#id, "agenda", this.#agenda);
    for (const entry of this.#polls.values()) {
      if (entry.poll.status !== "open") continue;
      await this.#savePoll(entry, { ...entry.poll, status: "closed" });
      await this.#host.store.sealBallots(entry.poll.id);
    }
    if (this.#budget?.status === "open") await this.#closeBudget();
    if (this.#round) await this.#endRound();
    await closeConsultation(this.#host.store, this.#id, now, this.#peak);
    this.#host.state.consultation.phase = "closed";
    this.#syncAgenda();
    this.#syncTables();
    // Only once closed: from then on the room refuses new hands and floors, so none can slip in after.
    await this.#host.endSpeaking(actor.id);
    return undefined;
  }
}

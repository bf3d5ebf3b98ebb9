/** The agenda: facilitators edit it and move through its items; an item linked to a poll opens that poll. */
import {
  type Agenda,
  currentItem,
  EMPTY_AGENDA,
  editAgenda,
  finishAgenda,
  nextItem,
  previousItem,
} from "../../shared/consultation/agenda.ts";
import { checkReason } from "../../shared/consultation/moderation.ts";
import { AgendaItemState } from "../../shared/state/town-hall-state.ts";
import { newId } from "../auth/secrets.ts";
import type { HallContext, StoredChange } from "./hall-context.ts";
import type { PollCommands } from "./poll-commands.ts";
import { refused } from "./refusal.ts";

const TITLE_MAX = 120;

export class AgendaCommands {
  readonly #hall: HallContext;
  readonly #polls: PollCommands;
  #agenda: Agenda = EMPTY_AGENDA;

  constructor(hall: HallContext, polls: PollCommands) {
    this.#hall = hall;
    this.#polls = polls;
  }

  get #id(): string {
    return this.#hall.state.consultation.id;
  }

  async restore(): Promise<void> {
    this.#agenda = (await this.#hall.store.loadDocument<Agenda>(this.#id, "agenda")) ?? EMPTY_AGENDA;
    this.#sync();
  }

  get requests() {
    const { pipeline } = this.#hall;
    return {
      agenda_set: pipeline.request("agenda_set", "run_agenda", async (_actor, message) => {
        const items = message.items.map((item) => {
          const title = checkReason(item.title);
          if (!title.ok || [...title.text].length > TITLE_MAX) refused("invalid_request");
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
        await this.#hall.store.saveDocument(this.#id, "agenda", result.agenda);
        this.#agenda = result.agenda;
        this.#sync();
        return undefined;
      }),
      agenda_next: pipeline.request("agenda_next", "run_agenda", () => this.#move(nextItem)),
      agenda_previous: pipeline.request("agenda_previous", "run_agenda", () => this.#move(previousItem)),
    };
  }

  /** The consultation closes: the running item stops, and its time is counted. */
  finish(now: number): StoredChange {
    const agenda = finishAgenda(this.#agenda, now);
    return {
      write: (tx) => tx.saveDocument(this.#id, "agenda", agenda),
      apply: () => {
        this.#agenda = agenda;
        this.#sync();
      },
    };
  }

  async #move(move: typeof nextItem): Promise<undefined> {
    const result = move(this.#agenda, this.#hall.now());
    if (!result.ok) refused(result.code);
    const linked = this.#polls.linkedStarts(currentItem(result.agenda)?.pollId);
    await this.#hall.store.transaction(async (tx) => {
      await tx.saveDocument(this.#id, "agenda", result.agenda);
      await linked?.write(tx);
    });
    this.#agenda = result.agenda;
    linked?.apply();
    this.#sync();
    return undefined;
  }

  #sync(): void {
    const target = this.#hall.state.agenda;
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
}

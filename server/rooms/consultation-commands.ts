/**
 * The consultation methods of one room, each its own command module: agenda, polls, ideas wall,
 * participatory budget, discussion tables, slides, chat and closing, with the attendance and the
 * interpretation they count.
 */
import type { Participant } from "../../shared/state/town-hall-state.ts";
import type { ConsultationStore } from "../store/consultation-store.ts";
import { AgendaCommands } from "./agenda-commands.ts";
import { AttendanceRecords } from "./attendance-records.ts";
import { BudgetCommands } from "./budget-commands.ts";
import { ChatCommands } from "./chat-commands.ts";
import { ClosingCommands } from "./closing-commands.ts";
import type { FloorCommands } from "./floor-commands.ts";
import type { HallContext, StoredChange } from "./hall-context.ts";
import { IdeaCommands } from "./idea-commands.ts";
import { InterpretationRecords } from "./interpretation-records.ts";
import { PollCommands } from "./poll-commands.ts";
import { SlideCommands } from "./slide-commands.ts";
import { TableCommands } from "./table-commands.ts";

export class ConsultationCommands {
  readonly attendance: AttendanceRecords;
  readonly interpretation: InterpretationRecords;
  readonly slides: SlideCommands;
  readonly #polls: PollCommands;
  readonly #agenda: AgendaCommands;
  readonly #ideas: IdeaCommands;
  readonly #budget: BudgetCommands;
  readonly #tables: TableCommands;
  readonly #chat: ChatCommands;
  readonly #closing: ClosingCommands;

  constructor(hall: HallContext, floor: FloorCommands) {
    this.attendance = new AttendanceRecords(hall);
    this.interpretation = new InterpretationRecords(hall);
    this.slides = new SlideCommands(hall);
    this.#polls = new PollCommands(hall);
    this.#agenda = new AgendaCommands(hall, this.#polls);
    this.#ideas = new IdeaCommands(hall);
    this.#budget = new BudgetCommands(hall);
    this.#tables = new TableCommands(hall);
    this.#chat = new ChatCommands(hall);
    this.#closing = new ClosingCommands(hall, {
      attendance: this.attendance,
      interpretation: this.interpretation,
      agenda: this.#agenda,
      polls: this.#polls,
      budget: this.#budget,
      tables: this.#tables,
      floor,
    });
  }

  /** Brings the methods back from the store (a restarted process continues where it stopped). */
  async restore(): Promise<void> {
    await this.#polls.restore();
    await this.#agenda.restore();
    await this.#ideas.restore();
    await this.#budget.restore();
    await this.#tables.restore();
    await this.attendance.restore();
    await this.slides.restore();
    await this.#chat.restore();
    await this.#closing.restore();
  }

  /** Reads the ideas wall and the chat again from the store (after an erasure rewrote them there). */
  async reloadTexts(): Promise<void> {
    await this.#ideas.restore();
    await this.#chat.restore();
  }

  get requests() {
    return {
      ...this.#agenda.requests,
      ...this.#polls.requests,
      ...this.#ideas.requests,
      ...this.#budget.requests,
      ...this.#tables.requests,
      ...this.slides.requests,
      ...this.#chat.requests,
      ...this.#closing.requests,
    };
  }

  /** Someone entered the hall: attendance (by device, counts only in the report), the peak, their table. */
  arrived(participant: Participant, present: number): StoredChange {
    const parts = [this.attendance.arrived(participant, present), this.#tables.arrived(participant)];
    return {
      async write(tx: ConsultationStore) {
        for (const part of parts) await part.write(tx);
      },
      apply() {
        for (const part of parts) part.apply();
      },
    };
  }
}

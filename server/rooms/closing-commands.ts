/**
 * Closing the consultation: the agenda stops, open polls and the budget close, the table round ends, the
 * report is built and stored, and the floor and every hand come down, all in one transaction. From then
 * on the closing rule refuses what would change what the report froze.
 */
import { closeConsultation } from "../consultations/consultation-close.ts";
import type { AgendaCommands } from "./agenda-commands.ts";
import type { AttendanceRecords } from "./attendance-records.ts";
import type { BudgetCommands } from "./budget-commands.ts";
import type { FloorCommands } from "./floor-commands.ts";
import type { HallContext, StoredChange } from "./hall-context.ts";
import type { InterpretationRecords } from "./interpretation-records.ts";
import type { PollCommands } from "./poll-commands.ts";
import type { TableCommands } from "./table-commands.ts";

export interface ClosingParts {
  readonly attendance: AttendanceRecords;
  readonly interpretation: InterpretationRecords;
  readonly agenda: AgendaCommands;
  readonly polls: PollCommands;
  readonly budget: BudgetCommands;
  readonly tables: TableCommands;
  readonly floor: FloorCommands;
}

export class ClosingCommands {
  readonly #hall: HallContext;
  readonly #parts: ClosingParts;

  constructor(hall: HallContext, parts: ClosingParts) {
    this.#hall = hall;
    this.#parts = parts;
  }

  async restore(): Promise<void> {
    const hall = this.#hall;
    if ((await hall.store.findReport(hall.state.consultation.id)) !== undefined)
      hall.state.consultation.phase = "closed";
  }

  get requests() {
    const hall = this.#hall;
    const { attendance, interpretation, agenda, polls, budget, tables, floor } = this.#parts;
    return {
      close_consultation: hall.pipeline.request("close_consultation", "close_consultation", async (actor) => {
        const now = hall.now();
        const changes = [
          attendance.closing(),
          interpretation.closing(),
          agenda.finish(now),
          polls.closeAll(),
          budget.close(),
          tables.endRound(),
        ].filter((change): change is StoredChange => change !== undefined);
        const speaking = floor.endSpeaking(actor.id);
        await hall.store.transaction(async (tx) => {
          for (const change of changes) await change.write(tx);
          await closeConsultation(tx, hall.state.consultation.id, now, attendance.peak);
          // After the report: its moderation counts are the facilitators' own actions.
          await speaking.write(tx);
        });
        for (const change of changes) change.apply();
        hall.state.consultation.phase = "closed";
        speaking.apply();
        return undefined;
      }),
    };
  }
}

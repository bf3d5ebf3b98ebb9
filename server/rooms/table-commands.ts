/**
 * Discussion tables: a facilitator splits the hall into tables (assigned or chosen), people join one, and
 * the round ends with everyone back on the seat they had in the plenary.
 */
import {
  plenarySeatReturns,
  seatAtTable,
  splitIntoTables,
  type TableRound,
  tableOf,
} from "../../shared/consultation/discussion-tables.ts";
import { can } from "../../shared/consultation/permissions.ts";
import type { Participant } from "../../shared/state/town-hall-state.ts";
import type { ConsultationStore } from "../store/consultation-store.ts";
import { seatParticipant } from "./avatar-placement.ts";
import { commit, type HallContext, type StoredChange } from "./hall-context.ts";
import { refused } from "./refusal.ts";

export class TableCommands {
  readonly #hall: HallContext;
  #round: TableRound | undefined;
  /** Where everyone sat when the round started, to send them back there when it ends. */
  #plenarySeats: Record<string, number> = {};

  constructor(hall: HallContext) {
    this.#hall = hall;
  }

  get #id(): string {
    return this.#hall.state.consultation.id;
  }

  async restore(): Promise<void> {
    const store = this.#hall.store;
    this.#round = (await store.loadDocument<TableRound | null>(this.#id, "tables")) ?? undefined;
    this.#plenarySeats = (await store.loadDocument<Record<string, number>>(this.#id, "plenary_seats")) ?? {};
    this.#sync();
  }

  get requests() {
    const hall = this.#hall;
    const { pipeline, state, store } = hall;
    return {
      tables_split: pipeline.request("tables_split", "run_tables", async (_actor, message) => {
        const people = [...state.participants.values()]
          .filter((p) => p.role === "citizen" || p.role === "co_facilitator")
          .map((p) => p.id);
        const result = splitIntoTables(people, message.count, message.mode, hall.now(), message.roundMinutes);
        if (!result.ok) refused(result.code);
        const ending = this.endRound();
        // The plenary seats are where people sit once a running round has sent them back.
        const seats: Record<string, number> = {};
        for (const participant of state.participants.values())
          if (participant.seat >= 0) seats[participant.id] = participant.seat;
        if (ending) for (const { participantId, seat } of this.#returns()) seats[participantId] = seat;
        await store.transaction(async (tx) => {
          await ending?.write(tx);
          await tx.saveDocument(this.#id, "plenary_seats", seats);
          await tx.saveDocument(this.#id, "tables", result.round);
        });
        ending?.apply();
        this.#plenarySeats = seats;
        this.#round = result.round;
        this.#sync();
        return undefined;
      }),
      choose_table: pipeline.request("choose_table", "choose_table", async (actor, message) => {
        const who = message.participantId ?? actor.id;
        // A facilitator naming someone (themselves included, to join a table in `assign` mode) seats them.
        const byFacilitator = message.participantId !== undefined && can(actor.role, "run_tables");
        if (who !== actor.id && !byFacilitator) refused("not_allowed");
        if (!state.participants.has(who)) refused("unknown_participant");
        const result = seatAtTable(this.#round, who, message.table, byFacilitator);
        if (!result.ok) refused(result.code);
        await store.saveDocument(this.#id, "tables", result.round);
        this.#round = result.round;
        this.#sync();
        return undefined;
      }),
      tables_end: pipeline.request("tables_end", "run_tables", async () => {
        await commit(hall, this.endRound() ?? refused("no_table_round"));
        return undefined;
      }),
    };
  }

  /** Someone entered during an `assign` round without a table: they join the smallest one. */
  arrived(participant: Participant): StoredChange {
    const round = this.#round;
    let seated: TableRound | undefined;
    if (round?.mode === "assign" && round.seating[participant.id] === undefined) {
      const sizes = new Array<number>(round.count).fill(0);
      for (const table of Object.values(round.seating)) sizes[table] = (sizes[table] ?? 0) + 1;
      const result = seatAtTable(round, participant.id, sizes.indexOf(Math.min(...sizes)), true);
      if (result.ok) seated = result.round;
    }
    return {
      write: async (tx) => {
        if (seated) await tx.saveDocument(this.#id, "tables", seated);
      },
      apply: () => {
        if (seated) this.#round = seated;
        participant.table = tableOf(this.#round, participant.id);
      },
    };
  }

  /** Ends the running round (stored among the past rounds), everyone back on their plenary seat. */
  endRound(): StoredChange | undefined {
    const round = this.#round;
    if (!round) return undefined;
    const endedAt = this.#hall.now();
    return {
      write: async (tx: ConsultationStore) => {
        const rounds = (await tx.loadDocument<unknown[]>(this.#id, "table_rounds")) ?? [];
        rounds.push({
          count: round.count,
          mode: round.mode,
          startedAt: round.startedAt,
          endedAt,
          seated: Object.keys(round.seating).length,
        });
        await tx.saveDocument(this.#id, "table_rounds", rounds);
        await tx.saveDocument(this.#id, "tables", null);
      },
      apply: () => {
        this.#round = undefined;
        for (const { participantId, seat } of this.#returns()) {
          const participant = this.#hall.state.participants.get(participantId);
          if (participant) seatParticipant(participant, seat);
        }
        this.#sync();
      },
    };
  }

  #returns() {
    const participants = this.#hall.state.participants;
    const seatsNow = new Map([...participants.values()].map((p) => [p.id, p.seat]));
    return plenarySeatReturns(this.#plenarySeats, seatsNow);
  }

  #sync(): void {
    const target = this.#hall.state.tables;
    target.count = this.#round?.count ?? 0;
    target.mode = this.#round?.mode ?? "assign";
    target.startedAt = this.#round?.startedAt ?? 0;
    target.endsAt = this.#round?.endsAt ?? 0;
    for (const participant of this.#hall.state.participants.values())
      participant.table = tableOf(this.#round, participant.id);
  }
}

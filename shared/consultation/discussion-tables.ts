/**
 * Discussion tables (world café): the facilitator splits the hall into N tables, assigning people or
 * letting them choose, runs a round with a timer, and calls everyone back to the plenary.
 */

export const MAX_TABLES = 20;
export const TABLE_MODES = ["assign", "choose"] as const;
export type TableMode = (typeof TABLE_MODES)[number];

export interface TableRound {
  /** Number of tables; 0 when everyone is in the plenary. */
  readonly count: number;
  readonly mode: TableMode;
  readonly startedAt: number;
  /** When the round's timer runs out (epoch ms); 0 without a timer. */
  readonly endsAt: number;
  /** Participant id to table number (0-based); absent means in the plenary. */
  readonly seating: Readonly<Record<string, number>>;
}

export type TableRefusal = "invalid_tables" | "no_table_round" | "unknown_table" | "tables_assigned";

/**
 * Starts a round: in `assign` mode people are dealt round-robin over the tables in the given order;
 * in `choose` mode everyone stays in the plenary until they pick a table.
 */
export function splitIntoTables(
  participantIds: readonly string[],
  count: number,
  mode: TableMode,
  now: number,
  roundMinutes?: number,
): { ok: true; round: TableRound } | { ok: false; code: "invalid_tables" } {
  if (!Number.isInteger(count) || count < 2 || count > MAX_TABLES)
    return { ok: false, code: "invalid_tables" };
  const seating: Record<string, number> = {};
  if (mode === "assign")
    participantIds.forEach((id, index) => {
      seating[id] = index % count;
    });
  const endsAt = roundMinutes === undefined ? 0 : now + roundMinutes * 60_000;
  return { ok: true, round: { count, mode, startedAt: now, endsAt, seating } };
}

/** Seats one participant at a table: their own choice in `choose` mode, or the facilitator's move. */
export function seatAtTable(
  round: TableRound | undefined,
  participantId: string,
  table: number,
  byFacilitator: boolean,
): { ok: true; round: TableRound } | { ok: false; code: TableRefusal } {
  if (!round) return { ok: false, code: "no_table_round" };
  if (!Number.isInteger(table) || table < 0 || table >= round.count)
    return { ok: false, code: "unknown_table" };
  if (!byFacilitator && round.mode !== "choose") return { ok: false, code: "tables_assigned" };
  return { ok: true, round: { ...round, seating: { ...round.seating, [participantId]: table } } };
}

/** The table a participant sits at, or -1 in the plenary. */
export function tableOf(round: TableRound | undefined, participantId: string): number {
  return round?.seating[participantId] ?? -1;
}

/** One person sent back to a seat when a round ends. */
export interface SeatReturn {
  readonly participantId: string;
  readonly seat: number;
}

/**
 * "Everyone back to the plenary": who goes back to the seat they had when the round started. Those
 * who left it during the round return to it, unless someone who stays put (a newcomer, or a person
 * whose own seat is taken) sits there now; seats are never shared. Returns the moves, not effects.
 */
export function plenarySeatReturns(
  seatsAtStart: Readonly<Record<string, number>>,
  seatsNow: ReadonlyMap<string, number>,
): SeatReturn[] {
  let movers = [...seatsNow].filter(([id, seat]) => {
    const before = seatsAtStart[id];
    return before !== undefined && before >= 0 && before !== seat;
  });
  // A mover whose seat is held by someone staying must stay too, which may block another mover: repeat
  // until no one else is blocked (each pass that changes anything drops at least one mover).
  let blocked = true;
  while (blocked) {
    const moving = new Set(movers.map(([id]) => id));
    const held = new Set<number>();
    for (const [id, seat] of seatsNow) if (!moving.has(id) && seat >= 0) held.add(seat);
    const free = movers.filter(([id]) => !held.has(seatsAtStart[id] ?? -1));
    blocked = free.length < movers.length;
    movers = free;
  }
  return movers.map(([participantId]) => ({ participantId, seat: seatsAtStart[participantId] ?? -1 }));
}

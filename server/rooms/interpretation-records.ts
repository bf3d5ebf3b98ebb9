/**
 * What the outcome report counts about interpretation: how long each language had a live interpreter,
 * by the channel clocks of shared/voice/interpretation-time.ts. The speech sync reports the channels on
 * the air after every change; each stretch that ended is stored as the room's next command.
 */
import { isClosed } from "../../shared/consultation/closing.ts";
import type { Language } from "../../shared/protocol/roles.ts";
import { advanceClocks, type ChannelClocks } from "../../shared/voice/interpretation-time.ts";
import { serverLog } from "../logging/rate-limited-log.ts";
import type { ConsultationStore } from "../store/consultation-store.ts";
import type { HallContext, StoredChange } from "./hall-context.ts";

type Write = (tx: ConsultationStore) => Promise<void>;

const OFF_THE_AIR: ReadonlySet<Language> = new Set();

export class InterpretationRecords {
  readonly #hall: HallContext;
  #clocks: ChannelClocks = new Map();
  /** Set once the process is stopping: the departures that follow count no more interpretation. */
  #suspended = false;

  constructor(hall: HallContext) {
    this.#hall = hall;
  }

  /** The channels on the air are now `live`: the stretches of those that went off are stored. */
  channelsChanged(live: ReadonlySet<Language>): void {
    const hall = this.#hall;
    if (isClosed(hall.state.consultation.phase) || this.#suspended) return;
    const next = this.#advance(live);
    this.#clocks = next.clocks;
    if (next.write)
      hall.pipeline
        .run("interpretation_time", () => next.write?.(hall.store))
        .catch((error: unknown) => serverLog.error("Could not store interpretation time:", error));
  }

  /** The consultation closes: the running stretches are stored with the rest of the close. */
  closing(): StoredChange {
    const before = this.#clocks;
    const next = this.#advance(OFF_THE_AIR);
    return {
      write: async (tx) => next.write?.(tx),
      apply: () => {
        if (this.#clocks === before) this.#clocks = next.clocks;
      },
    };
  }

  /** The process is stopping: nothing more is counted; returns the write of the running stretches. */
  suspend(): Write | undefined {
    this.#suspended = true;
    const next = this.#advance(OFF_THE_AIR);
    this.#clocks = next.clocks;
    return next.write;
  }

  #advance(live: ReadonlySet<Language>): { clocks: ChannelClocks; write: Write | undefined } {
    const { clocks, ended } = advanceClocks(this.#clocks, live, this.#hall.now());
    const id = this.#hall.state.consultation.id;
    if (ended.length === 0) return { clocks, write: undefined };
    return {
      clocks,
      write: async (tx) => {
        for (const time of ended) await tx.addInterpretationTime(id, time);
      },
    };
  }
}

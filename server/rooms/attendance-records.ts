/**
 * What the outcome report counts about people: who entered (by device and role), the peak, and floor time,
 * measured by the room from the moment someone is given the floor to the moment they lose it.
 */
import { isClosed } from "../../shared/consultation/closing.ts";
import type { Participant } from "../../shared/state/town-hall-state.ts";
import { serverLog } from "../logging/rate-limited-log.ts";
import type { ConsultationStore } from "../store/consultation-store.ts";
import type { HallContext, StoredChange } from "./hall-context.ts";

/** Who had the floor since when. */
interface Speaker {
  readonly id: string;
  readonly role: string;
  readonly since: number;
}

export class AttendanceRecords {
  readonly #hall: HallContext;
  #peak = 0;
  #speaker: Speaker | undefined;
  /** Set once the process is stopping: the departures that follow count no more floor time. */
  #suspended = false;

  constructor(hall: HallContext) {
    this.#hall = hall;
  }

  get peak(): number {
    return this.#peak;
  }

  async restore(): Promise<void> {
    this.#peak =
      (await this.#hall.store.loadDocument<number>(this.#hall.state.consultation.id, "attendance_peak")) ?? 0;
  }

  /** Someone entered the hall, making `present` people: their attendance, and the peak if it grew. */
  arrived(participant: Participant, present: number): StoredChange {
    const id = this.#hall.state.consultation.id;
    const peak = Math.max(this.#peak, present);
    return {
      write: async (tx) => {
        await tx.recordAttendance(id, participant.id, participant.device, participant.role);
        if (peak > this.#peak) await tx.saveDocument(id, "attendance_peak", peak);
      },
      apply: () => {
        this.#peak = peak;
      },
    };
  }

  /** The floor changed hands (or was freed): the previous holder's time is stored, as the room's next command. */
  floorChanged(holderId: string | undefined): void {
    const hall = this.#hall;
    if (this.#speaker?.id === holderId || isClosed(hall.state.consultation.phase) || this.#suspended) return;
    const ended = this.#endSpeaker();
    if (ended)
      hall.pipeline
        .run("speaking_time", () => ended(hall.store))
        .catch((error: unknown) => serverLog.error("Could not store speaking time:", error));
    const holder = holderId === undefined ? undefined : hall.state.participants.get(holderId);
    this.#speaker = holder ? { id: holder.id, role: holder.role, since: hall.now() } : undefined;
  }

  /** The consultation closes: the running floor time is stored with the rest of the close. */
  closing(): StoredChange {
    const speaker = this.#speaker;
    const write = this.#speakingTime(speaker);
    return {
      write: async (tx) => write?.(tx),
      apply: () => {
        if (this.#speaker === speaker) this.#speaker = undefined;
      },
    };
  }

  /** The process is stopping: no more floor time is counted; returns the write of the running one. */
  suspend(): ((tx: ConsultationStore) => Promise<void>) | undefined {
    this.#suspended = true;
    return this.#endSpeaker();
  }

  #endSpeaker(): ((tx: ConsultationStore) => Promise<void>) | undefined {
    const speaker = this.#speaker;
    this.#speaker = undefined;
    return this.#speakingTime(speaker);
  }

  #speakingTime(speaker: Speaker | undefined): ((tx: ConsultationStore) => Promise<void>) | undefined {
    if (!speaker) return undefined;
    const ms = this.#hall.now() - speaker.since;
    const id = this.#hall.state.consultation.id;
    return (tx) => tx.addSpeakingTime(id, speaker.id, speaker.role, ms);
  }
}

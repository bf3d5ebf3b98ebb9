/**
 * Who may speak in the hall: the speaking queue, the floor and its timer, facilitators' mutes and the
 * interpreters' channels. The commands decide with the rules in shared/ and set the result here; `sync`
 * writes it into the state, mutes whoever lost the right to speak, and tells voice enforcement.
 */
import { FLOOR_GRACE_MS, type Floor, NO_FLOOR } from "../../shared/consultation/floor.ts";
import { isInterpreter } from "../../shared/consultation/roles.ts";
import { maySpeak, type SpeakingMode } from "../../shared/consultation/speaking-mode.ts";
import {
  isInQueue,
  lowerHand,
  queueOrder,
  type SpeakingQueue,
} from "../../shared/consultation/speaking-queue.ts";
import type { Language } from "../../shared/protocol/roles.ts";
import type { Participant, TownHallState } from "../../shared/state/town-hall-state.ts";
import { liveChannels } from "../../shared/voice/interpretation-time.ts";
import type { Interpreter } from "../../shared/voice/interpreter-channels.ts";
import { serverLog } from "../logging/rate-limited-log.ts";
import type { VoiceModeration } from "../voice/voice-moderation.ts";

/** Who hears of what each `sync` decided: the report's floor time and interpretation time. */
export interface SpeechListeners {
  floorChanged(holderId: string | undefined): void;
  /** The languages a connected interpreter is live into. */
  channelsChanged(live: ReadonlySet<Language>): void;
}

export class HallSpeech {
  queue: SpeakingQueue = [];
  floor: Floor = NO_FLOOR;
  /** Facilitator mutes outlive a reconnect: leaving and coming back does not lift one. */
  readonly mutedByFacilitator = new Set<string>();
  /**
   * Interpreters' pairs and channels by participant id; they outlive a reconnect, like a mute. Someone
   * whose role is no longer `interpreter` is forgotten at the next `sync`.
   */
  readonly interpreters = new Map<string, Interpreter>();
  readonly #state: TownHallState;
  readonly #voice: VoiceModeration;
  readonly #listeners: SpeechListeners;

  constructor(state: TownHallState, voice: VoiceModeration, listeners: SpeechListeners) {
    this.#state = state;
    this.#voice = voice;
    this.#listeners = listeners;
  }

  get mode(): SpeakingMode {
    return this.#state.consultation.mode === "open" ? "open" : "town_hall";
  }

  status(participant: Participant) {
    return {
      role: participant.role,
      hasFloor: this.floor.holderId === participant.id,
      mutedByFacilitator: this.mutedByFacilitator.has(participant.id),
      interpreterLive: this.interpreters.get(participant.id)?.live === true,
    };
  }

  /**
   * An interpreter coming in whom this room does not know yet (it was created after a restart): their
   * stored pair, off the air and with no channel chosen, as after any return.
   */
  restoreInterpreter(participantId: string, languages: readonly string[]): void {
    if (this.interpreters.has(participantId) || languages.length === 0) return;
    this.interpreters.set(participantId, { id: participantId, languages, interpreting: "", live: false });
  }

  /** The interpreters in the hall, as the channel rules see them. */
  interpretersPresent(): Interpreter[] {
    return [...this.interpreters.values()].filter((interpreter) =>
      this.#state.participants.has(interpreter.id),
    );
  }

  /**
   * Someone who is no longer a speaker here (left, removed, banned, made observer or interpreter): hand
   * down, floor freed, off the air.
   */
  release(participantId: string): void {
    this.queue = lowerHand(this.queue, participantId);
    if (this.floor.holderId === participantId) this.floor = NO_FLOOR;
    const interpreter = this.interpreters.get(participantId);
    if (interpreter?.live) this.interpreters.set(participantId, { ...interpreter, live: false });
  }

  /**
   * Writes the queue, the floor and everyone's right to speak into the state. Whoever loses the right
   * is muted; whoever gains it stays muted until they unmute. Voice enforcement hears of every change,
   * and of `joinerId` whatever it is (the voice service has to learn about whoever just came in): one
   * call per person whose right changed, not one per person in the hall, so a filling hall is O(N).
   */
  sync(joinerId?: string): void {
    const state = this.#state;
    const order = queueOrder(this.queue);
    if (order.join(" ") !== [...state.speakingQueue].join(" ")) {
      state.speakingQueue.clear();
      state.speakingQueue.push(...order);
    }
    state.floor.holderId = this.floor.holderId ?? "";
    state.floor.endsAt = this.floor.endsAt ?? 0;
    state.floor.graceMs = this.floor.endsAt === undefined ? 0 : FLOOR_GRACE_MS;
    this.#listeners.floorChanged(this.floor.holderId);
    for (const participant of state.participants.values()) {
      this.#writeChannel(participant);
      const status = this.status(participant);
      participant.handRaised = isInQueue(this.queue, participant.id);
      participant.hasFloor = status.hasFloor;
      participant.mutedByFacilitator = status.mutedByFacilitator;
      const canSpeak = maySpeak(status, this.mode, state.consultation.phase);
      if (!canSpeak) participant.muted = true;
      if (canSpeak === participant.canSpeak && participant.id !== joinerId) continue;
      participant.canSpeak = canSpeak;
      this.#voice.setCanSpeak(state.consultation.id, participant.id, canSpeak).catch((error: unknown) => {
        serverLog.error("Voice enforcement failed:", error);
      });
    }
    // A live interpreter whose connection is lost is not heard: their channel's clock stops meanwhile.
    this.#listeners.channelsChanged(
      liveChannels(
        this.interpretersPresent().filter(
          (interpreter) => state.participants.get(interpreter.id)?.connection === "connected",
        ),
      ),
    );
  }

  /** An interpreter's pair and channel into the state; everyone else has none. */
  #writeChannel(participant: Participant): void {
    if (!isInterpreter(participant.role)) this.interpreters.delete(participant.id);
    const interpreter = this.interpreters.get(participant.id);
    const languages = interpreter?.languages ?? [];
    if (languages.join(" ") !== [...participant.interpreterLanguages].join(" ")) {
      participant.interpreterLanguages.clear();
      participant.interpreterLanguages.push(...languages);
    }
    participant.interpreting = interpreter?.interpreting ?? "";
    participant.interpreterLive = interpreter?.live === true;
  }
}

/**
 * Peer-to-peer voice signalling through the room (a session description or candidate for one named
 * participant, with the sender filled in by the server), and the room's last word on who may speak,
 * for voice tokens minted over HTTP.
 */
import { type RelayedSignal, SIGNAL_MESSAGE } from "../../shared/protocol/room-messages.ts";
import { avatarOf } from "./hall-client.ts";
import type { HallContext } from "./hall-context.ts";
import { refused } from "./refusal.ts";

export class VoiceRelay {
  readonly #hall: HallContext;
  /**
   * False when voice goes through LiveKit: then no signal is relayed, so that no modified client can
   * open a peer-to-peer connection and learn another participant's network address.
   */
  readonly #peerToPeer: boolean;

  constructor(hall: HallContext, peerToPeer: boolean) {
    this.#hall = hall;
    this.#peerToPeer = peerToPeer;
  }

  /** The room's last decision on whether this participant may speak; null when it has none. */
  decision(participantId: string): boolean | null {
    return this.#hall.voice.decision(this.#hall.state.consultation.id, participantId) ?? null;
  }

  /**
   * Applies the room's current right to speak to someone who just connected to voice, whatever their
   * token says; someone who is not in the hall (left, removed, banned) is taken out of voice.
   */
  joined(participantId: string): Promise<true> {
    const hall = this.#hall;
    // Sent in the room's order, as every other decision is, but not awaited there: LiveKit's answer
    // must not hold up the room.
    const sent = hall.pipeline.run("voice_joined", () => {
      const consultationId = hall.state.consultation.id;
      const participant = hall.state.participants.get(participantId);
      return {
        call: participant
          ? hall.voice.setCanSpeak(consultationId, participantId, participant.canSpeak)
          : hall.voice.remove(consultationId, participantId),
      };
    });
    return sent.then(({ call }) => call).then(() => true);
  }

  get messages() {
    const hall = this.#hall;
    return {
      signal: hall.pipeline.message("signal", (client, message) => {
        if (!this.#peerToPeer) refused("voice_through_server");
        const from = avatarOf(hall.state, client)?.id;
        const target = hall
          .clients()
          .find((other) => other.userData?.participantId === message.to && !other.userData.console);
        if (!from || !target || target === client) refused("unknown_participant");
        const relayed: RelayedSignal = {
          from,
          description: message.description,
          candidate: message.candidate,
        };
        target.send(SIGNAL_MESSAGE, relayed);
      }),
    };
  }
}

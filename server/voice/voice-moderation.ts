/**
 * Voice enforcement: the room decides who may speak; this carries the decision to the voice
 * transport, so that a modified client cannot talk past a mute. One interface, chosen at start-up.
 */
import { RoomServiceClient, TrackSource } from "livekit-server-sdk";
import type { LiveKitSettings } from "../config.ts";

export interface VoiceModeration {
  /** Grants or revokes the right to publish the microphone. */
  setCanSpeak(consultationId: string, participantId: string, canSpeak: boolean): Promise<void>;
  /** Disconnects the participant from voice (removed or banned). */
  remove(consultationId: string, participantId: string): Promise<void>;
  /**
   * The room's last decision for this participant, so that a voice token minted later carries it; undefined
   * when the room has not decided (or forgot, when they left). In-process only, like the room itself.
   */
  decision(consultationId: string, participantId: string): boolean | undefined;
  /** Drops the remembered decision of someone who left the room. */
  forget(consultationId: string, participantId: string): void;
}

/** The part of LiveKit's `RoomServiceClient` that moderation uses, so that a test can stand in for it. */
export type LiveKitRoomService = Pick<RoomServiceClient, "updateParticipant" | "removeParticipant">;

/** LiveKit answers 404 / `not_found` for someone who is not connected to voice: nothing to enforce then. */
function isNotFound(error: unknown): boolean {
  const { status, code } = error as { status?: unknown; code?: unknown };
  return status === 404 || code === "not_found";
}

/** The HTTP address of a LiveKit server given as a websocket one: its API and health answer there. */
export function liveKitHttpUrl(url: string): string {
  return url.replace(/^ws(s?):\/\//, "http$1://");
}

/**
 * With LiveKit the server enforces: revoking `canPublish` removes the published microphone track on the
 * SFU (a hard mute). `updateParticipant` replaces the whole permission, so every field is given.
 */
export class LiveKitVoiceModeration implements VoiceModeration {
  readonly #rooms: LiveKitRoomService;
  readonly #decisions = new Map<string, boolean>();

  constructor(rooms: LiveKitRoomService) {
    this.#rooms = rooms;
  }

  static fromSettings(settings: LiveKitSettings): LiveKitVoiceModeration {
    return new LiveKitVoiceModeration(
      new RoomServiceClient(liveKitHttpUrl(settings.url), settings.apiKey, settings.apiSecret),
    );
  }

  async setCanSpeak(consultationId: string, participantId: string, canSpeak: boolean): Promise<void> {
    this.#decisions.set(decisionKey(consultationId, participantId), canSpeak);
    try {
      await this.#rooms.updateParticipant(consultationId, participantId, {
        permission: {
          canPublish: canSpeak,
          canSubscribe: true,
          canPublishData: false,
          canPublishSources: [TrackSource.MICROPHONE],
        },
      });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  async remove(consultationId: string, participantId: string): Promise<void> {
    this.#decisions.set(decisionKey(consultationId, participantId), false);
    try {
      await this.#rooms.removeParticipant(consultationId, participantId);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  decision(consultationId: string, participantId: string): boolean | undefined {
    return this.#decisions.get(decisionKey(consultationId, participantId));
  }

  forget(consultationId: string, participantId: string): void {
    this.#decisions.delete(decisionKey(consultationId, participantId));
  }
}

function decisionKey(consultationId: string, participantId: string): string {
  return `${consultationId} ${participantId}`;
}

/**
 * Peer-to-peer voice has no server in the audio path: listeners drop audio from anyone the room state
 * marks muted or not allowed to speak (`muted`, `canSpeak`), and the room closes a removed person's
 * connection, which ends their signalling. Nothing to do here.
 */
export class MeshVoiceModeration implements VoiceModeration {
  async setCanSpeak(): Promise<void> {}
  async remove(): Promise<void> {}
  decision(): boolean | undefined {
    return undefined;
  }
  forget(): void {}
}

export function voiceModerationFor(liveKit: LiveKitSettings | undefined): VoiceModeration {
  return liveKit ? LiveKitVoiceModeration.fromSettings(liveKit) : new MeshVoiceModeration();
}

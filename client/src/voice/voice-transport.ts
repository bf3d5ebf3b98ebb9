/**
 * How voice travels: one interface, two implementations (LiveKit when the server has one configured,
 * a peer-to-peer mesh otherwise). Transports only deliver audio: every remote voice goes into the
 * spatial mixer, which owns all audio nodes.
 */
import type { PlacedSpeaker } from "../../../shared/voice/hearing-range.ts";

export type VoiceMode = "livekit" | "mesh";

/** Where everyone is, a few times a second, so the transport can choose whom to receive. */
export interface VoiceView {
  readonly self: PlacedSpeaker;
  /** Everyone else in the room. */
  readonly others: readonly PlacedSpeaker[];
  /** Participant id of whoever has the floor, "" for nobody. */
  readonly floorHolderId: string;
}

export interface VoiceTransport {
  readonly mode: VoiceMode;
  /** Connects; remote voices start reaching the mixer as they are chosen. */
  start(): Promise<void>;
  /** The microphone to send (null: none) and whether it is open (`live`) or muted. */
  setMicrophone(track: MediaStreamTrack | null, live: boolean): void;
  update(view: VoiceView): void;
  /** Participant ids whose audio is being received now. */
  receiving(): string[];
  /** Resumes playback blocked by the browser; call inside a click. */
  startAudio(): void;
  stop(): void;
}

/**
 * How voice travels: one interface, two implementations (LiveKit when the server has one configured,
 * a peer-to-peer mesh otherwise). Transports only deliver audio: every remote voice goes into the
 * spatial mixer, which owns all audio nodes.
 */
import type { PlacedSpeaker } from "../../../shared/voice/hearing-range.ts";
import type { VoiceQuality } from "./voice-quality.ts";

export type VoiceMode = "livekit" | "mesh";

/** Where everyone is, a few times a second, so the transport can choose whom to receive. */
export interface VoiceView {
  readonly self: PlacedSpeaker;
  /** Everyone else in the room. */
  readonly others: readonly PlacedSpeaker[];
  /** Participant id of whoever has the floor, "" for nobody. */
  readonly floorHolderId: string;
  /** Every interpreter in the room: the mesh links them to everyone, LiveKit never by distance. */
  readonly interpreters: ReadonlySet<string>;
  /** The interpreters of the listener's chosen language, whom LiveKit subscribes to wherever they are. */
  readonly interpretersHeard: ReadonlySet<string>;
}

export interface VoiceUsage {
  /** The bitrate ceiling on each of our audio senders (null: none set). */
  readonly sendCeilings: readonly (number | null)[];
  /** Audio bytes received so far on the connections open now. */
  readonly bytesReceived: number;
  /** Audio bytes sent so far on the connections open now. */
  readonly bytesSent: number;
}

export interface VoiceTransport {
  readonly mode: VoiceMode;
  /** Connects; remote voices start reaching the mixer as they are chosen. */
  start(): Promise<void>;
  /** The microphone to send (null: none) and whether it is open (`live`) or muted. */
  setMicrophone(track: MediaStreamTrack | null, live: boolean): void;
  update(view: VoiceView): void;
  /** How much data voices may use, sent and (where the transport can ask for it) received. */
  setQuality(quality: VoiceQuality): void;
  /** What voice uses now: for the diagnostics of low-bandwidth mode. */
  usage(): Promise<VoiceUsage>;
  /** Participant ids whose audio is being received now. */
  receiving(): string[];
  /** Resumes playback blocked by the browser; call inside a click. */
  startAudio(): void;
  stop(): void;
}

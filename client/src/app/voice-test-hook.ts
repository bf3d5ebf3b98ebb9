/**
 * The voice part of `window.__plenum` (`?test=1` only): place the local avatar, mute, and measure what
 * comes out of the spatial mixer per ear and per test tone.
 */
import type { Room } from "livekit-client";
import type { ClientMessage, ClientMessageType } from "../../../shared/protocol/room-messages.ts";
import { isListenerChoice } from "../../../shared/voice/interpretation-routing.ts";
import { currentRoom, sendToRoom } from "../net/hall-connection.ts";
import { setMicrophoneMuted } from "../net/participant-actions.ts";
import { player } from "../scene/local-player.ts";
import { standUp } from "../scene/player-motion.ts";
import { chooseListening } from "../voice/listening-choice.ts";
import { LiveKitTransport } from "../voice/livekit-transport.ts";
import { useMicrophone } from "../voice/microphone-state.ts";
import { speakingNow } from "../voice/speaking.ts";
import { activeMixer, activeTransport, useVoiceStatus } from "../voice/voice-session.ts";
import type { VoiceUsage } from "../voice/voice-transport.ts";

export interface VoiceTestHook {
  /** Puts the local avatar at (x, z) looking along `yaw`; the normal pose path tells the room. */
  teleport(x: number, z: number, yaw: number): void;
  setMuted(muted: boolean): void;
  /** What this listener hears: "original" or a language (as the Listening button sets it). */
  setListening(choice: string): void;
  /** Sends a room message as this participant (e.g. a facilitator's `set_mode`). */
  send(type: string, message: unknown): void;
  /** Sends a room request (the consultation methods, e.g. `tables_split`); resolves with the room's answer. */
  request(type: string, body: unknown): Promise<unknown>;
  voice(): {
    mode: string;
    muted: boolean;
    receiving: string[];
    voices: string[];
    speaking: string[];
    /** The AudioContext's state and each voice's gains. */
    audio: string;
    gains: Record<string, { gate: number; spatial: number; pa: number; table: number }>;
    /** How the mix reaches the speakers: `loopback` (echo-cancelled, Chromium) or `direct`. */
    output: string;
  };
  /**
   * Amplitude of each frequency (Hz) in the left and right output over the last ~170 ms: of the mix
   * (`mix`, the default) or of what the echo loopback plays to the speakers (`speakers`).
   */
  voiceTones(frequencies: number[], at?: "mix" | "speakers"): { left: number[]; right: number[] };
  /** Our senders' bitrate ceilings and the audio bytes received so far (null before voice starts). */
  voiceUsage(): Promise<VoiceUsage | null>;
  /**
   * Acts like a modified client: sends the microphone whatever the room and the app say. Through
   * LiveKit it asks to publish and resolves with what LiveKit answered, so that a test can show the
   * server refused; on the mesh it puts the microphone on every link, where only listeners can drop it.
   */
  publishAnyway(): Promise<string>;
  /**
   * The page's LiveKit room (null on the mesh), for tests that act through the raw SDK as a modified
   * client would, or read what the SFU delivers.
   */
  liveKitRoom(): Room | null;
}

/** Goertzel: the amplitude of one frequency in a block of samples, without a whole FFT. */
function toneAmplitude(samples: Float32Array, frequency: number, sampleRate: number): number {
  const k = (2 * Math.PI * frequency) / sampleRate;
  const coefficient = 2 * Math.cos(k);
  let previous = 0;
  let beforePrevious = 0;
  for (let i = 0; i < samples.length; i++) {
    // A Hann window keeps a loud neighbouring tone from leaking into this one.
    const window = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (samples.length - 1));
    const next = (samples[i] as number) * window + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = next;
  }
  const power =
    previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
  // A Hann window halves the amplitude: scale back so a full-scale sine reads about 1.
  return (4 * Math.sqrt(Math.max(0, power))) / samples.length;
}

export const voiceTestHook: VoiceTestHook = {
  teleport(x, z, yaw) {
    if (player.seat >= 0) standUp();
    player.x = x;
    player.z = z;
    player.yaw = yaw;
    player.pitch = 0;
  },
  setMuted: setMicrophoneMuted,
  setListening(choice) {
    if (isListenerChoice(choice)) chooseListening(choice);
  },
  send(type, message) {
    sendToRoom(type as ClientMessageType, message as ClientMessage<ClientMessageType>);
  },
  async request(type, body) {
    const room = currentRoom();
    if (!room) return { ok: false, error: { code: "internal", message: "Not connected to the room." } };
    return room.request(type, body);
  },
  voice() {
    return {
      mode: useVoiceStatus.getState().mode,
      muted: useMicrophone.getState().muted,
      receiving: activeTransport()?.receiving() ?? [],
      voices: activeMixer()?.voices() ?? [],
      speaking: [...speakingNow],
      audio: activeMixer()?.context.state ?? "none",
      gains: activeMixer()?.gains() ?? {},
      output: activeMixer()?.outputPath() ?? "none",
    };
  },
  voiceTones(frequencies, at = "mix") {
    const mixer = activeMixer();
    const meters = at === "speakers" ? mixer?.playedMeters() : mixer?.outputMeters();
    if (!mixer || !meters) return { left: frequencies.map(() => 0), right: frequencies.map(() => 0) };
    const { left, right } = meters;
    const samples = new Float32Array(left.fftSize);
    const measure = (analyser: AnalyserNode) => {
      analyser.getFloatTimeDomainData(samples);
      return frequencies.map((frequency) => toneAmplitude(samples, frequency, mixer.context.sampleRate));
    };
    return { left: measure(left), right: measure(right) };
  },
  voiceUsage: async () => (await activeTransport()?.usage()) ?? null,
  async publishAnyway() {
    const transport = activeTransport();
    if (!transport) return "no voice connection";
    if (!(transport instanceof LiveKitTransport)) {
      transport.setMicrophone(useMicrophone.getState().track, true);
      return "sending";
    }
    try {
      await transport.room.localParticipant.setMicrophoneEnabled(true);
      return "published";
    } catch (error) {
      return `refused: ${error instanceof Error ? error.message : String(error)}`;
    }
  },
  liveKitRoom() {
    const transport = activeTransport();
    return transport instanceof LiveKitTransport ? transport.room : null;
  },
};

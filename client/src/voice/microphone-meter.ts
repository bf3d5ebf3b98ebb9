/** The level of a local microphone track (0 to 1, RMS), for the lobby's meter and our own speaking light. */
import { rms } from "./speaking.ts";

export interface LevelMeter {
  /** The current RMS level of the last few milliseconds. */
  level(): number;
  stop(): void;
}

export function meterTrack(context: AudioContext, track: MediaStreamTrack): LevelMeter {
  const source = context.createMediaStreamSource(new MediaStream([track]));
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  return {
    level() {
      analyser.getFloatTimeDomainData(samples);
      return rms(samples);
    },
    stop() {
      source.disconnect();
    },
  };
}

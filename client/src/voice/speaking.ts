/**
 * Who is talking right now, from local analysis of the audio this browser plays (and of our own
 * microphone): a plain set for per-frame code (avatars) and a store for React (the participant list).
 */
import { create } from "zustand";

export const speakingNow = new Set<string>();

export const useSpeaking = create<{ readonly ids: ReadonlySet<string> }>()(() => ({ ids: new Set() }));

/** Replaces the set of speakers; React hears of it only when it changed. */
export function setSpeaking(ids: ReadonlySet<string>): void {
  let same = ids.size === speakingNow.size;
  for (const id of ids) if (!speakingNow.has(id)) same = false;
  if (same) return;
  speakingNow.clear();
  for (const id of ids) speakingNow.add(id);
  useSpeaking.setState({ ids: new Set(ids) });
}

/** RMS level above which a voice counts as speaking, and how long the indicator stays after a word. */
export const SPEAKING_LEVEL = 0.015;
export const SPEAKING_HOLD_MS = 350;

/** Root mean square of a block of samples. */
export function rms(samples: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const value = samples[i] as number;
    sum += value * value;
  }
  return Math.sqrt(sum / Math.max(1, samples.length));
}

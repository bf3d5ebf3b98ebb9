/**
 * The one AudioContext of the page: the lobby's microphone meter and the hall's spatial mixer share it.
 * Browsers start it suspended until a click; `unlockAudio` is called inside the click that enters the hall.
 */
let context: AudioContext | null = null;

export function sceneAudioContext(): AudioContext {
  context ??= new AudioContext({ latencyHint: "interactive" });
  return context;
}

/** Resumes playback; call it synchronously inside a user gesture (a click or a key press). */
export function unlockAudio(): void {
  const audio = sceneAudioContext();
  if (audio.state !== "running") void audio.resume().catch(() => undefined);
}

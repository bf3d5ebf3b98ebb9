/**
 * Keyboard voice controls: M turns the microphone on or off; with push-to-talk, holding Space talks; L
 * steps through what one listens to (the original or an interpretation). Never while typing in a field.
 */
import { isTypingOrShortcut, listenToWindowKeys } from "../app/window-keys.ts";
import { setMicrophoneMuted, toggleMicrophone } from "../net/participant-actions.ts";
import { cycleListening } from "./listening-choice.ts";
import { useVoiceSettings } from "./voice-settings.ts";

let talking = false;

function onKeyDown(event: KeyboardEvent): void {
  if (isTypingOrShortcut(event)) return;
  const pushToTalk = useVoiceSettings.getState().pushToTalk;
  // M by the letter, wherever a layout puts it (AZERTY has it beside L); walking keys go by position.
  if (event.key.toLowerCase() === "m" && !event.repeat && !pushToTalk) {
    toggleMicrophone();
  } else if (event.key.toLowerCase() === "l" && !event.repeat) {
    cycleListening();
  } else if (event.code === "Space" && pushToTalk) {
    // Space would otherwise press the focused button.
    event.preventDefault();
    if (!event.repeat && !talking) {
      talking = true;
      setMicrophoneMuted(false);
    }
  }
}

function release(): void {
  if (!talking) return;
  talking = false;
  setMicrophoneMuted(true);
}

function onKeyUp(event: KeyboardEvent): void {
  if (event.code === "Space") release();
}

/** Starts listening; returns the function that stops. */
export function listenToVoiceKeys(): () => void {
  // Letting go of Space in another window must not leave the microphone open.
  return listenToWindowKeys(onKeyDown, onKeyUp, release);
}

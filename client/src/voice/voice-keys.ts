/**
 * Keyboard voice controls: M turns the microphone on or off; with push-to-talk, holding Space talks.
 * Never while typing in a field.
 */
import { setMicrophoneMuted, toggleMicrophone } from "./microphone-state.ts";
import { useVoiceSettings } from "./voice-settings.ts";

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.tagName === "INPUT" ||
    target.tagName === "TEXTAREA" ||
    target.tagName === "SELECT"
  );
}

let talking = false;

function onKeyDown(event: KeyboardEvent): void {
  if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
  const pushToTalk = useVoiceSettings.getState().pushToTalk;
  if (event.code === "KeyM" && !event.repeat && !pushToTalk) {
    toggleMicrophone();
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
  window.addEventListener("keydown", onKeyDown);
  window.addEventListener("keyup", onKeyUp);
  // Letting go of Space in another window must not leave the microphone open.
  window.addEventListener("blur", release);
  return () => {
    window.removeEventListener("keydown", onKeyDown);
    window.removeEventListener("keyup", onKeyUp);
    window.removeEventListener("blur", release);
    release();
  };
}

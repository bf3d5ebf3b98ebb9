/**
 * Keyboard controls heard on the whole window (walking, the microphone): never while typing in a
 * field, never for a shortcut with a modifier, and never stuck on a key let go elsewhere.
 */

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.tagName === "INPUT" ||
    target.tagName === "TEXTAREA" ||
    target.tagName === "SELECT"
  );
}

/** Whether a key press is not for the hall's controls: typed into a field, or part of a shortcut. */
export function isTypingOrShortcut(event: KeyboardEvent): boolean {
  return event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target);
}

/**
 * Starts listening on the window; returns the function that stops. `release` lets go of every held
 * key: on blur (a key released in another window is never heard here) and on stop.
 */
export function listenToWindowKeys(
  onKeyDown: (event: KeyboardEvent) => void,
  onKeyUp: (event: KeyboardEvent) => void,
  release: () => void,
): () => void {
  window.addEventListener("keydown", onKeyDown);
  window.addEventListener("keyup", onKeyUp);
  window.addEventListener("blur", release);
  return () => {
    window.removeEventListener("keydown", onKeyDown);
    window.removeEventListener("keyup", onKeyUp);
    window.removeEventListener("blur", release);
    release();
  };
}

/**
 * What the person asks of their body: keys held on the keyboard and the on-screen move pad. Keys are
 * heard on the whole window, so walking works as soon as the hall is entered, but never while typing.
 */
import { isTypingOrShortcut, listenToWindowKeys } from "../app/window-keys.ts";

const held = new Set<string>();

/** The move pad's deflection: x to the right, y forwards, each from -1 to 1. */
export const movePad = { x: 0, y: 0 };

export interface MoveIntent {
  forward: number;
  right: number;
  turn: number;
}

const WALK_KEYS = new Set([
  "KeyW",
  "KeyA",
  "KeyS",
  "KeyD",
  "KeyQ",
  "KeyE",
  "ArrowUp",
  "ArrowDown",
  "ArrowLeft",
  "ArrowRight",
]);

function onKeyDown(event: KeyboardEvent): void {
  if (!WALK_KEYS.has(event.code) || isTypingOrShortcut(event)) return;
  held.add(event.code);
  // Arrow keys would otherwise scroll a focused list or move between controls.
  event.preventDefault();
}

function onKeyUp(event: KeyboardEvent): void {
  held.delete(event.code);
}

function releaseAll(): void {
  held.clear();
}

/** Starts listening; returns the function that stops. */
export function listenToKeyboard(): () => void {
  // A key released while the window was not focused would otherwise keep walking forever.
  return listenToWindowKeys(onKeyDown, onKeyUp, releaseAll);
}

function axis(positive: boolean, negative: boolean): number {
  return (positive ? 1 : 0) - (negative ? 1 : 0);
}

/** Fills `out` from the keyboard and the pad; returns it. */
export function readMoveIntent(out: MoveIntent): MoveIntent {
  out.forward =
    axis(held.has("KeyW") || held.has("ArrowUp"), held.has("KeyS") || held.has("ArrowDown")) + movePad.y;
  out.right =
    axis(held.has("KeyD") || held.has("ArrowRight"), held.has("KeyA") || held.has("ArrowLeft")) + movePad.x;
  out.turn = axis(held.has("KeyQ"), held.has("KeyE"));
  return out;
}

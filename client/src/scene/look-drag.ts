/** Looking around by dragging on the canvas, with a mouse or a finger; one pointer at a time. */
import { MAX_PITCH, player } from "./local-player.ts";

const MOUSE_RADIANS_PER_PIXEL = 0.0035;
const TOUCH_RADIANS_PER_PIXEL = 0.006;

/** Starts listening on the canvas; returns the function that stops. */
export function attachLookDrag(canvas: HTMLElement): () => void {
  let pointerId: number | null = null;
  let lastX = 0;
  let lastY = 0;

  const onDown = (event: PointerEvent) => {
    if (pointerId !== null || (event.pointerType === "mouse" && event.button !== 0)) return;
    pointerId = event.pointerId;
    lastX = event.clientX;
    lastY = event.clientY;
  };
  const onMove = (event: PointerEvent) => {
    if (event.pointerId !== pointerId) return;
    const scale = event.pointerType === "mouse" ? MOUSE_RADIANS_PER_PIXEL : TOUCH_RADIANS_PER_PIXEL;
    player.yaw += (event.clientX - lastX) * scale;
    player.pitch = Math.max(-MAX_PITCH, Math.min(MAX_PITCH, player.pitch + (event.clientY - lastY) * scale));
    lastX = event.clientX;
    lastY = event.clientY;
  };
  const onUp = (event: PointerEvent) => {
    if (event.pointerId === pointerId) pointerId = null;
  };

  canvas.addEventListener("pointerdown", onDown);
  window.addEventListener("pointermove", onMove);
  window.addEventListener("pointerup", onUp);
  window.addEventListener("pointercancel", onUp);
  return () => {
    canvas.removeEventListener("pointerdown", onDown);
    window.removeEventListener("pointermove", onMove);
    window.removeEventListener("pointerup", onUp);
    window.removeEventListener("pointercancel", onUp);
  };
}

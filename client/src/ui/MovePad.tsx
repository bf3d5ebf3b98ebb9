import { type PointerEvent, useRef, useState } from "react";
import { useT } from "../app/i18n.tsx";
import { movePad } from "../scene/player-input.ts";

const RADIUS_PX = 48;

/** A thumb pad for walking on touch screens: push the knob the way you want to go. */
export function MovePad() {
  const t = useT();
  const base = useRef<HTMLDivElement>(null);
  const [knob, setKnob] = useState({ x: 0, y: 0 });

  const update = (event: PointerEvent<HTMLDivElement>) => {
    const rect = base.current?.getBoundingClientRect();
    if (!rect) return;
    let dx = event.clientX - (rect.left + rect.width / 2);
    let dy = event.clientY - (rect.top + rect.height / 2);
    const length = Math.hypot(dx, dy);
    if (length > RADIUS_PX) {
      dx = (dx / length) * RADIUS_PX;
      dy = (dy / length) * RADIUS_PX;
    }
    movePad.x = dx / RADIUS_PX;
    movePad.y = -dy / RADIUS_PX;
    setKnob({ x: dx, y: dy });
  };
  const release = () => {
    movePad.x = 0;
    movePad.y = 0;
    setKnob({ x: 0, y: 0 });
  };

  return (
    <div
      ref={base}
      className="move-pad"
      role="img"
      aria-label={t("hall.movePad")}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        update(event);
      }}
      onPointerMove={(event) => {
        if (event.currentTarget.hasPointerCapture(event.pointerId)) update(event);
      }}
      onPointerUp={release}
      onPointerCancel={release}
    >
      <span className="move-pad__knob" style={{ transform: `translate(${knob.x}px, ${knob.y}px)` }} />
    </div>
  );
}

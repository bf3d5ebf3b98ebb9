import { describeError, useT } from "../app/i18n.tsx";
import { useHallStore } from "../net/hall-store.ts";

/** Refusals from the room (a taken seat, …), shown briefly and announced to screen readers. */
export function Toasts() {
  const t = useT();
  const toasts = useHallStore((state) => state.toasts);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <p key={toast.id} className="toast">
          {describeError(t, toast.code, toast.message)}
        </p>
      ))}
    </div>
  );
}

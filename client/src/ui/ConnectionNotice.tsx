import { describeError, useT } from "../app/i18n.tsx";
import { useHallStore } from "../net/hall-store.ts";

export interface ConnectionNoticeProps {
  readonly onRejoin: () => void;
  readonly onLeave: () => void;
}

/** Says when the room is out of reach, and offers to join again or leave. */
export function ConnectionNotice({ onRejoin, onLeave }: ConnectionNoticeProps) {
  const t = useT();
  const status = useHallStore((state) => state.status);
  const failure = useHallStore((state) => state.failure);
  const restarting = useHallStore((state) => state.restarting);
  if (status === "reconnecting" || (restarting && status === "connected")) {
    return (
      <p className="panel reconnecting" role="status" data-testid="reconnecting-notice">
        <span className="spinner" aria-hidden="true" />
        {t(restarting ? "hall.restarting" : "hall.reconnecting")}
      </p>
    );
  }
  if (status !== "disconnected" && status !== "replaced" && status !== "failed") return null;
  const message =
    status === "replaced"
      ? t("hall.replaced")
      : status === "failed" && failure
        ? describeError(t, failure.code, failure.message)
        : t("hall.disconnected");
  // An invalid, removed or banned session cannot be mended by trying again; only the join form gives a new one.
  const canRejoin = ![
    "invalid_session",
    "unknown_consultation",
    "removed",
    "banned",
    "erased",
    "facilitator_link_replaced",
  ].includes(failure?.code ?? "");
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="connection-notice">
        <p id="connection-notice" data-testid="connection-notice">
          {message}
        </p>
        {status === "failed" && failure?.reason && failure.code !== "erased" && (
          <p data-testid="connection-notice-reason">{t("hall.removedReason", { reason: failure.reason })}</p>
        )}
        <div className="dialog__actions">
          {canRejoin && (
            // biome-ignore lint/a11y/noAutofocus: the dialog replaces the hall, so focus belongs on its main action.
            <button type="button" className="button button--primary" onClick={onRejoin} autoFocus>
              {t("hall.rejoin")}
            </button>
          )}
          <button type="button" className="button" onClick={onLeave}>
            {t("hall.leave")}
          </button>
        </div>
      </div>
    </div>
  );
}

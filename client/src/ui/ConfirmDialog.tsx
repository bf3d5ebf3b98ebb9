import { useId } from "react";
import { createPortal } from "react-dom";
import { useT } from "../app/i18n.tsx";

export interface ConfirmDialogProps {
  readonly heading: string;
  readonly text: string;
  readonly confirmLabel: string;
  /** The dialog is `${testId}-dialog`, its confirm button `${testId}-confirm`. */
  readonly testId: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/**
 * Asks before an action that cannot be undone (closing the consultation, replacing the facilitator
 * link). Cancel has the focus; Escape cancels too.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const t = useT();
  const id = useId();
  // On the body, so that no panel around the button (blurred, scrolling) clips or traps the dialog.
  return createPortal(
    <div className="dialog-backdrop dialog-backdrop--fixed">
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-heading`}
        aria-describedby={`${id}-text`}
        data-testid={`${props.testId}-dialog`}
        onKeyDown={(event) => {
          if (event.key === "Escape") props.onCancel();
        }}
      >
        <h2 id={`${id}-heading`} className="dialog__heading">
          {props.heading}
        </h2>
        <p id={`${id}-text`} className="dialog__text">
          {props.text}
        </p>
        <div className="dialog__actions">
          <button
            type="button"
            className="button button--danger"
            data-testid={`${props.testId}-confirm`}
            onClick={props.onConfirm}
          >
            {props.confirmLabel}
          </button>
          <button
            type="button"
            className="button"
            // biome-ignore lint/a11y/noAutofocus: the safe choice gets the focus in a destructive confirmation.
            autoFocus
            onClick={props.onCancel}
          >
            {t("common.cancel")}
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}

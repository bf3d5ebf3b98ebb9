import { type ReactNode, useEffect, useId, useRef } from "react";
import { useT } from "../app/i18n.tsx";

export interface ModalDialogProps {
  readonly className: string;
  readonly heading: string;
  /** Shown under the heading, and read out as the dialog's description. */
  readonly text?: string;
  /** The dialog is `testId`, its close button `${testId}-close`. */
  readonly testId: string;
  readonly closeClassName: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
}

/**
 * A modal dialog, open for as long as it is rendered: the browser keeps the focus inside it, Escape
 * closes it, and the focus goes back where it was.
 */
export function ModalDialog({
  className,
  heading,
  text,
  testId,
  closeClassName,
  onClose,
  children,
}: ModalDialogProps) {
  const t = useT();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element.showModal();
    return () => {
      element.close();
      before?.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className={`dialog ${className}`}
      aria-labelledby={`${id}-heading`}
      aria-describedby={text ? `${id}-text` : undefined}
      data-testid={testId}
      onClose={onClose}
    >
      <h2 id={`${id}-heading`} className="dialog__heading">
        {heading}
      </h2>
      {text && (
        <p id={`${id}-text`} className="dialog__text">
          {text}
        </p>
      )}
      {children}
      <form method="dialog" className="dialog__actions">
        <button type="submit" className={closeClassName} data-testid={`${testId}-close`}>
          {t("common.close")}
        </button>
      </form>
    </dialog>
  );
}

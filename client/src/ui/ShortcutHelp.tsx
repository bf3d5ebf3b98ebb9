import { useEffect, useId, useRef, useState } from "react";
import type { MessageKey } from "../../../shared/i18n/index.ts";
import { useT } from "../app/i18n.tsx";
import { isTypingOrShortcut } from "../app/window-keys.ts";

/** The hall's keyboard shortcuts: the keys, then what they do. */
const SHORTCUTS: readonly (readonly [MessageKey, MessageKey])[] = [
  ["shortcuts.walkKeys", "shortcuts.walk"],
  ["shortcuts.turnKeys", "shortcuts.turn"],
  ["shortcuts.micKeys", "shortcuts.mic"],
  ["shortcuts.talkKeys", "shortcuts.talk"],
  ["shortcuts.handKeys", "shortcuts.hand"],
  ["shortcuts.listenKeys", "shortcuts.listen"],
  ["shortcuts.helpKeys", "shortcuts.help"],
  ["shortcuts.tabKeys", "shortcuts.tab"],
  ["shortcuts.escapeKeys", "shortcuts.escape"],
];

/**
 * A button and the "?" key open the list of keyboard shortcuts, as a modal dialog: the browser keeps
 * the focus inside it, Escape closes it, and the focus goes back where it was.
 */
export function ShortcutHelp() {
  const t = useT();
  const id = useId();
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "?" || event.repeat || isTypingOrShortcut(event)) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  useEffect(() => {
    const element = dialog.current;
    if (!open || !element) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element.showModal();
    return () => {
      element.close();
      before?.focus();
    };
  }, [open]);

  return (
    <>
      <button
        type="button"
        className="button button--small"
        data-testid="shortcut-help-open"
        aria-keyshortcuts="?"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        {t("shortcuts.open")}
      </button>
      {open && (
        <dialog
          ref={dialog}
          className="dialog shortcut-help"
          aria-labelledby={`${id}-heading`}
          data-testid="shortcut-help"
          onClose={() => setOpen(false)}
        >
          <h2 id={`${id}-heading`} className="dialog__heading">
            {t("shortcuts.heading")}
          </h2>
          <dl className="shortcut-help__list">
            {SHORTCUTS.map(([keys, action]) => (
              <div key={keys} className="shortcut-help__row">
                <dt>
                  <kbd>{t(keys)}</kbd>
                </dt>
                <dd>{t(action)}</dd>
              </div>
            ))}
          </dl>
          <form method="dialog" className="dialog__actions">
            <button type="submit" className="button button--primary" data-testid="shortcut-help-close">
              {t("common.close")}
            </button>
          </form>
        </dialog>
      )}
    </>
  );
}

import { useEffect, useState } from "react";
import type { MessageKey } from "../../../shared/i18n/index.ts";
import { useT } from "../app/i18n.tsx";
import { isTypingOrShortcut } from "../app/window-keys.ts";
import { ModalDialog } from "./ModalDialog.tsx";

/** The hall's keyboard shortcuts: the keys, then what they do. */
const SHORTCUTS: readonly (readonly [MessageKey, MessageKey])[] = [
  ["shortcuts.walkKeys", "shortcuts.walk"],
  ["shortcuts.turnKeys", "shortcuts.turn"],
  ["shortcuts.micKeys", "shortcuts.mic"],
  ["shortcuts.talkKeys", "shortcuts.talk"],
  ["shortcuts.handKeys", "shortcuts.hand"],
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
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "?" || event.repeat || isTypingOrShortcut(event)) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

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
        <ModalDialog
          className="shortcut-help"
          heading={t("shortcuts.heading")}
          testId="shortcut-help"
          closeClassName="button button--primary"
          onClose={() => setOpen(false)}
        >
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
        </ModalDialog>
      )}
    </>
  );
}

import { type FormEvent, useId, useState } from "react";
import { createPortal } from "react-dom";
import { checkReason, REASON_MAX } from "../../../shared/consultation/moderation.ts";
import { useT } from "../app/i18n.tsx";

export interface ReasonDialogProps {
  readonly heading: string;
  readonly explanation?: string;
  readonly label: string;
  readonly hint?: string;
  readonly confirmLabel: string;
  /** Red confirm button: for removing and banning. */
  readonly danger?: boolean;
  readonly testId: string;
  readonly onConfirm: (reason: string) => void;
  readonly onCancel: () => void;
}

/**
 * Asks for a reason before an action that needs one (a report, a removal, a ban): the confirm button
 * does nothing until the reason passes the rule the server applies. Escape or Cancel closes it.
 */
export function ReasonDialog(props: ReasonDialogProps) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState("");
  const [tried, setTried] = useState(false);
  const checked = checkReason(text);
  const problem = tried && !checked.ok;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (checked.ok) props.onConfirm(checked.text);
  };

  // On the body, so that no panel around the button (blurred, scrolling) clips or traps the dialog.
  return createPortal(
    <div className="dialog-backdrop dialog-backdrop--fixed">
      <form
        className="dialog form"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-heading`}
        data-testid={props.testId}
        onSubmit={submit}
        onKeyDown={(event) => {
          if (event.key === "Escape") props.onCancel();
        }}
        noValidate
      >
        <h2 id={`${id}-heading`} className="dialog__heading">
          {props.heading}
        </h2>
        {props.explanation && <p className="dialog__text">{props.explanation}</p>}
        <div className="field">
          <label htmlFor={`${id}-reason`}>{props.label}</label>
          <textarea
            id={`${id}-reason`}
            data-testid={`${props.testId}-reason`}
            value={text}
            rows={3}
            maxLength={REASON_MAX}
            required
            // biome-ignore lint/a11y/noAutofocus: the dialog opens to ask for exactly this.
            autoFocus
            aria-invalid={problem || undefined}
            aria-describedby={`${id}-hint`}
            onChange={(event) => setText(event.target.value)}
          />
          <p id={`${id}-hint`} className={problem ? "field__problem" : "field__hint"}>
            {problem ? t("error.invalid_reason") : (props.hint ?? `${[...text].length} / ${REASON_MAX}`)}
          </p>
        </div>
        <div className="dialog__actions">
          <button
            type="submit"
            className={props.danger ? "button button--danger" : "button button--primary"}
            data-testid={`${props.testId}-confirm`}
          >
            {props.confirmLabel}
          </button>
          <button type="button" className="button" onClick={props.onCancel}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </div>,
    document.body,
  );
}

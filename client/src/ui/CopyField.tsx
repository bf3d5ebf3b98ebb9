import { useEffect, useId, useState } from "react";
import { useT } from "../app/i18n.tsx";

export interface CopyFieldProps {
  readonly label: string;
  readonly value: string;
  readonly testId?: string;
  readonly hint?: string;
}

/** A labelled value (a link or a code) with a button that copies it. */
export function CopyField({ label, value, testId, hint }: CopyFieldProps) {
  const t = useT();
  const id = useId();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      // Without clipboard access (an insecure origin), select the text so it can be copied by hand.
      const range = document.createRange();
      const element = document.getElementById(id);
      if (!element) return;
      range.selectNodeContents(element);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
    }
  };

  return (
    <div className="copy-field">
      <span className="copy-field__label" id={`${id}-label`}>
        {label}
      </span>
      <div className="copy-field__row">
        <code id={id} className="copy-field__value" data-testid={testId}>
          {value}
        </code>
        <button
          type="button"
          className="button button--small"
          onClick={copy}
          aria-describedby={`${id}-label`}
        >
          {copied ? t("created.copied") : t("created.copy")}
        </button>
      </div>
      {hint && <p className="copy-field__hint">{hint}</p>}
      <span className="visually-hidden" aria-live="polite">
        {copied ? t("created.copied") : ""}
      </span>
    </div>
  );
}

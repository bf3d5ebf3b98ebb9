import { useId } from "react";
import { useT } from "../app/i18n.tsx";

export interface CodeOfConductFieldProps {
  readonly text: string;
  readonly accepted: boolean;
  readonly onChange: (accepted: boolean) => void;
  /** Shown when someone tries to enter without accepting. */
  readonly problem: boolean;
}

/** The consultation's code of conduct at the door, and the box that must be ticked to enter. */
export function CodeOfConductField({ text, accepted, onChange, problem }: CodeOfConductFieldProps) {
  const t = useT();
  const id = useId();
  return (
    <fieldset className="conduct">
      <legend>{t("conduct.heading")}</legend>
      {/* Long codes scroll: a tab stop lets keyboard users scroll it too. */}
      <section
        className="conduct__text"
        data-testid="code-of-conduct"
        aria-label={t("conduct.heading")}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take the focus to scroll by keyboard.
        tabIndex={0}
      >
        {text}
      </section>
      <label className="conduct__accept">
        <input
          type="checkbox"
          data-testid="accept-conduct"
          checked={accepted}
          required
          aria-invalid={problem || undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(event) => onChange(event.target.checked)}
        />
        {t("conduct.accept")}
      </label>
      {problem && (
        <p id={`${id}-problem`} className="field__problem" role="alert" data-testid="conduct-problem">
          {t("conduct.required")}
        </p>
      )}
    </fieldset>
  );
}

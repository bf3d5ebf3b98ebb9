import { useId } from "react";
import { ACCESS_MODES, type AccessMode } from "../../../shared/protocol/access-modes.ts";
import { useT } from "../app/i18n.tsx";

export interface AccessChoiceProps {
  readonly value: string;
  readonly onChange: (mode: AccessMode) => void;
  /** Each option is `${testId}-${mode}`. */
  readonly testId: string;
}

/** Who may take part: the three modes, each explained in a sentence. */
export function AccessChoice({ value, onChange, testId }: AccessChoiceProps) {
  const t = useT();
  const id = useId();
  return (
    <fieldset className="field access-choice" data-testid={testId}>
      <legend>{t("access.label")}</legend>
      {ACCESS_MODES.map((mode) => (
        <div key={mode} className="access-choice__option">
          <label>
            <input
              type="radio"
              name={`${id}-access`}
              value={mode}
              data-testid={`${testId}-${mode}`}
              checked={value === mode}
              aria-describedby={`${id}-${mode}`}
              onChange={() => onChange(mode)}
            />
            {t(`access.${mode}`)}
          </label>
          <p id={`${id}-${mode}`} className="field__hint">
            {t(`access.${mode}Explain`)}
          </p>
        </div>
      ))}
      {value === "open" && <p className="field__hint">{t("access.openAttendance")}</p>}
    </fieldset>
  );
}

import { useId } from "react";
import { ACCESS_MODES } from "../../../../shared/protocol/access-modes.ts";
import { useT } from "../../app/i18n.tsx";
import { useFacilitation } from "../../net/facilitation-store.ts";
import { setAccess } from "../../net/facilitator-actions.ts";

/** Who may take part, changed for everyone at once; the room audits it and applies it at the door. */
export function ConsoleAccess() {
  const t = useT();
  const id = useId();
  const access = useFacilitation((state) => state.access);
  return (
    <fieldset className="access-choice" data-testid="console-access">
      <legend>{t("access.label")}</legend>
      {ACCESS_MODES.map((mode) => (
        <div key={mode} className="access-choice__option">
          <label>
            <input
              type="radio"
              name={`${id}-access`}
              value={mode}
              data-testid={`console-access-${mode}`}
              checked={access === mode}
              aria-describedby={`${id}-${mode}`}
              onChange={() => setAccess(mode)}
            />
            {t(`access.${mode}`)}
          </label>
          <p id={`${id}-${mode}`} className="field__hint">
            {t(`access.${mode}Explain`)}
          </p>
        </div>
      ))}
      {access === "open" && <p className="field__hint">{t("access.openAttendance")}</p>}
    </fieldset>
  );
}

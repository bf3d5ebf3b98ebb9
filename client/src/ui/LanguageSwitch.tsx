import { useId } from "react";
import { isLanguage } from "../../../shared/i18n/index.ts";
import { LANGUAGES } from "../../../shared/protocol/roles.ts";
import { useLanguage, useT } from "../app/i18n.tsx";

/** A small picker for the interface language; each language is named in itself. */
export function LanguageSwitch() {
  const { language, setLanguage } = useLanguage();
  const t = useT();
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id} className="visually-hidden">
        {t("app.interfaceLanguage")}
      </label>
      <select
        id={id}
        value={language}
        onChange={(event) => {
          if (isLanguage(event.target.value)) setLanguage(event.target.value);
        }}
      >
        {LANGUAGES.map((option) => (
          <option key={option} value={option} lang={option}>
            {t(`language.${option}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

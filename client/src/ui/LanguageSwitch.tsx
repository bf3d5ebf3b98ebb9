import { useId } from "react";
import { useLanguage, useT } from "../app/i18n.tsx";
import { LanguageSelect } from "./LanguageSelect.tsx";

/** A small picker for the interface language. */
export function LanguageSwitch() {
  const { language, setLanguage } = useLanguage();
  const t = useT();
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id} className="visually-hidden">
        {t("app.interfaceLanguage")}
      </label>
      <LanguageSelect id={id} value={language} onChange={setLanguage} />
    </div>
  );
}

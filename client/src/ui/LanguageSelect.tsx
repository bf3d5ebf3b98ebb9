import { isLanguage } from "../../../shared/i18n/index.ts";
import { LANGUAGES, type Language } from "../../../shared/protocol/roles.ts";
import { useT } from "../app/i18n.tsx";

export interface LanguageSelectProps {
  readonly id: string;
  readonly value: Language;
  readonly onChange: (language: Language) => void;
  readonly testId?: string;
}

/** A select of Plenum's languages, each named in itself. */
export function LanguageSelect({ id, value, onChange, testId }: LanguageSelectProps) {
  const t = useT();
  return (
    <select
      id={id}
      data-testid={testId}
      value={value}
      onChange={(event) => {
        if (isLanguage(event.target.value)) onChange(event.target.value);
      }}
    >
      {LANGUAGES.map((option) => (
        <option key={option} value={option} lang={option}>
          {t(`language.${option}`)}
        </option>
      ))}
    </select>
  );
}

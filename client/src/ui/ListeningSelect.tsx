import { useId } from "react";
import { isListenerChoice } from "../../../shared/voice/interpretation-routing.ts";
import { useT } from "../app/i18n.tsx";
import { chooseListening } from "../voice/listening-choice.ts";
import { useListening } from "../voice/use-listening.ts";
import { listeningLabel } from "./listening-labels.ts";

/** The sound settings' choice of what to listen to, shown once someone interprets. */
export function ListeningSelect() {
  const t = useT();
  const id = useId();
  const { choice, options } = useListening();
  if (options.length < 2) return null;
  return (
    <>
      <label className="voice-controls__option" htmlFor={`${id}-listening`}>
        {t("listening.label")}
      </label>
      <select
        id={`${id}-listening`}
        data-testid="listening-select"
        value={choice}
        onChange={(event) => {
          if (isListenerChoice(event.target.value)) chooseListening(event.target.value);
        }}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {t(listeningLabel(option))}
          </option>
        ))}
      </select>
    </>
  );
}

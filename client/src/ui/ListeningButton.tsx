import { useT } from "../app/i18n.tsx";
import { cycleListening } from "../voice/listening-choice.ts";
import { useListening } from "../voice/use-listening.ts";
import { HeadphonesIcon } from "./icons.tsx";
import { listeningLabel } from "./listening-labels.ts";

/** The bottom bar's switch between the original and each interpretation (also the L key), once someone interprets. */
export function ListeningButton() {
  const t = useT();
  const { choice, options } = useListening();
  if (options.length < 2) return null;
  const name = t(listeningLabel(choice));
  return (
    <button
      type="button"
      className="button overlay__action"
      data-testid="listening-cycle"
      data-choice={choice}
      aria-keyshortcuts="L"
      onClick={cycleListening}
    >
      <HeadphonesIcon />
      <span className="overlay__action-label">{t("listening.button", { choice: name })}</span>
    </button>
  );
}

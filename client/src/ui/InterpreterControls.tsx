import { isLanguage } from "../../../shared/voice/interpreter-channels.ts";
import { useT } from "../app/i18n.tsx";
import { selectSelf, useHallStore } from "../net/hall-store.ts";
import { interpretInto, setInterpreterLive } from "../net/participant-actions.ts";

/** An interpreter's booth switch: the language they speak into, and going live or off the air. */
export function InterpreterControls() {
  const t = useT();
  const self = useHallStore(selectSelf);
  if (self?.role !== "interpreter") return null;
  return (
    <section
      className="interpreter-controls"
      data-testid="interpreter-controls"
      aria-label={t("interpreter.heading")}
    >
      <div className="interpreter-controls__languages">
        {self.interpreterLanguages.filter(isLanguage).map((language) => (
          <button
            key={language}
            type="button"
            className="button button--small"
            data-testid={`interpret-into-${language}`}
            aria-pressed={self.interpreting === language}
            onClick={() => interpretInto(language)}
          >
            {t("interpreter.into", { language: t(`language.${language}`) })}
          </button>
        ))}
      </div>
      <button
        type="button"
        className={`button button--small${self.interpreterLive ? " button--danger" : " button--primary"}`}
        data-testid="interpreter-live"
        aria-pressed={self.interpreterLive}
        disabled={self.interpreting === ""}
        onClick={() => setInterpreterLive(!self.interpreterLive)}
      >
        {self.interpreterLive ? t("interpreter.goOff") : t("interpreter.goLive")}
      </button>
      <p className="voice-controls__note" role="status">
        {self.interpreterLive ? t("interpreter.live") : t("interpreter.offAir")}
      </p>
    </section>
  );
}

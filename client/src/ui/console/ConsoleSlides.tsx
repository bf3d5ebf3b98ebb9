import { useId, useState } from "react";
import { SLIDE_TYPES } from "../../../../shared/protocol/consultation-messages.ts";
import { useT } from "../../app/i18n.tsx";
import { showSlide, uploadSlide } from "../../net/consultation-requests.ts";
import { useConsultation } from "../../net/consultation-store.ts";
import { showToast } from "../../net/hall-store.ts";

/** Upload images as slides and step through them on the big screen. */
export function ConsoleSlides() {
  const t = useT();
  const id = useId();
  const slides = useConsultation((state) => state.slides);
  const [busy, setBusy] = useState(false);
  const count = slides.urls.length;

  const upload = async (files: FileList | null) => {
    setBusy(true);
    for (const file of Array.from(files ?? [])) {
      const answer = await uploadSlide(file);
      if (!answer.ok) showToast(answer.error.code, answer.error.message);
    }
    setBusy(false);
  };

  return (
    <section className="console__section" aria-labelledby={`${id}-slides`} data-testid="console-slides">
      <h2 id={`${id}-slides`}>{t("console.slides", { count })}</h2>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t("console.slideUpload")}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept={SLIDE_TYPES.join(",")}
          multiple
          disabled={busy}
          data-testid="slide-upload"
          onChange={(event) => {
            void upload(event.target.files);
            event.target.value = "";
          }}
        />
      </div>
      <p>
        {slides.current >= 0
          ? t("console.slideCurrent", { number: slides.current + 1, count })
          : t("console.slideNone")}
      </p>
      <div className="console__row">
        <button
          type="button"
          className="button button--small"
          disabled={slides.current <= 0}
          onClick={() => void showSlide(slides.current - 1)}
        >
          {t("console.slidePrevious")}
        </button>
        <button
          type="button"
          className="button button--small button--primary"
          data-testid="slide-next"
          disabled={slides.current + 1 >= count}
          onClick={() => void showSlide(slides.current + 1)}
        >
          {t("console.slideNext")}
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={slides.current < 0}
          onClick={() => void showSlide(-1)}
        >
          {t("console.slideHide")}
        </button>
      </div>
    </section>
  );
}

import { useId, useState } from "react";
import { MAX_SLIDES, SLIDE_TYPES } from "../../../../shared/protocol/consultation-messages.ts";
import { useT } from "../../app/i18n.tsx";
import { showSlide, uploadSlide } from "../../net/consultation-requests.ts";
import { useConsultation } from "../../net/consultation-store.ts";
import { showToast } from "../../net/hall-store.ts";

const PDF = "application/pdf";

function isPdf(file: File): boolean {
  return file.type === PDF || file.name.toLowerCase().endsWith(".pdf");
}

/**
 * Upload images, or a PDF whose pages the browser turns into images, as slides and step through them
 * on the big screen.
 */
export function ConsoleSlides() {
  const t = useT();
  const id = useId();
  const slides = useConsultation((state) => state.slides);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ page: number; pages: number } | null>(null);
  const [problem, setProblem] = useState("");
  const count = slides.urls.length;

  const upload = async (files: FileList | null) => {
    setBusy(true);
    setProblem("");
    let uploaded = 0;
    try {
      for (const file of Array.from(files ?? [])) {
        if (!isPdf(file)) {
          const answer = await uploadSlide(file);
          if (answer.ok) uploaded++;
          else showToast(answer.error.code, answer.error.message);
          continue;
        }
        // pdf.js is large: only a facilitator who picks a PDF downloads it.
        const { PdfSlidesError, renderPdfSlides } = await import("./pdf-slides.ts");
        const room = Math.max(0, MAX_SLIDES - count - uploaded);
        try {
          await renderPdfSlides(file, room, async (image, page, pages) => {
            setProgress({ page, pages });
            const answer = await uploadSlide(image);
            if (!answer.ok) throw answer.error;
            uploaded++;
          });
        } catch (error) {
          if (error instanceof PdfSlidesError && error.code === "too_many_pages")
            setProblem(
              t("console.slidePdfTooMany", { name: file.name, pages: error.pages, room, max: MAX_SLIDES }),
            );
          else if (error instanceof PdfSlidesError)
            setProblem(t("console.slidePdfBroken", { name: file.name }));
          else {
            const { code, message } = error as { code: string; message: string };
            showToast(code, message);
          }
          break;
        } finally {
          setProgress(null);
        }
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="console__section" aria-labelledby={`${id}-slides`} data-testid="console-slides">
      <h2 id={`${id}-slides`}>{t("console.slides", { count })}</h2>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t("console.slideUpload")}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept={[...SLIDE_TYPES, PDF, ".pdf"].join(",")}
          multiple
          disabled={busy}
          data-testid="slide-upload"
          onChange={(event) => {
            void upload(event.target.files);
            event.target.value = "";
          }}
        />
      </div>
      {progress && (
        <p role="status" data-testid="slide-progress">
          {t("console.slidePdfProgress", progress)}
        </p>
      )}
      {problem && (
        <p role="alert" className="form__error" data-testid="slide-error">
          {problem}
        </p>
      )}
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

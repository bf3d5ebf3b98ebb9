import { useEffect, useId, useRef, useState } from "react";
import { describeError, useT } from "../app/i18n.tsx";
import { downloadJson, eraseMe, fetchMyData } from "../net/personal-data.ts";
import { ConfirmDialog } from "./ConfirmDialog.tsx";

type Stage = "idle" | "downloading" | "confirming" | "erasing";

/**
 * "Your data" in the hall: a dialog to download what the consultation holds about oneself as a JSON
 * file, or to erase oneself from it (after a confirmation). Erasing ends the session; the hall then
 * says so and offers to leave.
 */
export function YourData() {
  const t = useT();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [stage, setStage] = useState<Stage>("idle");
  const [problem, setProblem] = useState("");
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!open || !element) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element.showModal();
    return () => {
      element.close();
      before?.focus();
    };
  }, [open]);

  const download = async () => {
    setStage("downloading");
    setProblem("");
    const answer = await fetchMyData();
    setStage("idle");
    if (!answer.ok) {
      setProblem(describeError(t, answer.error.code, answer.error.message));
      return;
    }
    downloadJson(`plenum-my-data-${answer.data.consultation.id}.json`, answer.data);
  };

  const erase = async () => {
    setStage("erasing");
    setProblem("");
    const answer = await eraseMe();
    setStage("idle");
    if (!answer.ok) {
      setProblem(describeError(t, answer.error.code, answer.error.message));
      setOpen(true);
    }
    // Otherwise the room closes the connection next, and the hall's notice takes over from here.
  };

  return (
    <>
      <button
        type="button"
        className="button button--small"
        data-testid="your-data-open"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        {t("data.open")}
      </button>
      {open && (
        <dialog
          ref={dialog}
          className="dialog your-data"
          aria-labelledby={`${id}-heading`}
          aria-describedby={`${id}-text`}
          data-testid="your-data"
          onClose={() => setOpen(false)}
        >
          <h2 id={`${id}-heading`} className="dialog__heading">
            {t("data.heading")}
          </h2>
          <p id={`${id}-text`} className="dialog__text">
            {t("data.text")}
          </p>
          {problem && (
            <p className="form__error" role="alert" data-testid="your-data-problem">
              {problem}
            </p>
          )}
          <div className="dialog__actions">
            <button
              type="button"
              className="button button--primary"
              data-testid="download-my-data"
              disabled={stage !== "idle"}
              onClick={() => void download()}
            >
              {stage === "downloading" ? t("data.downloading") : t("data.download")}
            </button>
            <button
              type="button"
              className="button button--danger"
              data-testid="erase-me"
              disabled={stage !== "idle"}
              onClick={() => {
                // A modal dialog makes the rest of the page inert: it closes before the confirmation opens.
                setOpen(false);
                setStage("confirming");
              }}
            >
              {t("data.erase")}
            </button>
          </div>
          <form method="dialog" className="dialog__actions">
            <button type="submit" className="button" data-testid="your-data-close">
              {t("common.close")}
            </button>
          </form>
        </dialog>
      )}
      {stage === "confirming" && (
        <ConfirmDialog
          heading={t("data.eraseHeading")}
          text={t("data.eraseText")}
          confirmLabel={t("data.eraseConfirm")}
          testId="erase-me"
          onConfirm={() => void erase()}
          onCancel={() => setStage("idle")}
        />
      )}
    </>
  );
}

import { useState } from "react";
import { describeError, useT } from "../app/i18n.tsx";
import { downloadJson, eraseMe, fetchMyData } from "../net/personal-data.ts";
import { ConfirmDialog } from "./ConfirmDialog.tsx";
import { ModalDialog } from "./ModalDialog.tsx";

type Stage = "idle" | "downloading" | "confirming" | "erasing";

/**
 * "Your data" in the hall: a dialog to download what the consultation holds about oneself as a JSON
 * file, or to erase oneself from it (after a confirmation). Erasing ends the session; the hall then
 * says so and offers to leave.
 */
export function YourData() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [stage, setStage] = useState<Stage>("idle");
  const [problem, setProblem] = useState("");

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
        <ModalDialog
          className="your-data"
          heading={t("data.heading")}
          text={t("data.text")}
          testId="your-data"
          closeClassName="button"
          onClose={() => setOpen(false)}
        >
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
        </ModalDialog>
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

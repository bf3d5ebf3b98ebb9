import { lazy, Suspense, useEffect, useState } from "react";
import { doorRefusal } from "../../../shared/consultation/access.ts";
import type { ConsultationPreview, JoinResponse } from "../../../shared/protocol/http-api.ts";
import { describeError, useConsultationLanguage, useT } from "../app/i18n.tsx";
import { navigate } from "../app/routes.ts";
import { saveSession } from "../app/saved-sessions.ts";
import { type DoorKey, previewConsultation } from "../net/api-client.ts";
import { InvitationCodeForm } from "./InvitationCodeForm.tsx";
import { JoinForm } from "./JoinForm.tsx";
import { LoadingSteps } from "./LoadingSteps.tsx";
import { PageHeader } from "./PageHeader.tsx";
import { PrivacyNotice } from "./PrivacyNotice.tsx";
import { VerifiedDoor } from "./VerifiedDoor.tsx";

// The 3D hall is most of the app's code: load it only once someone is on their way in.
const HallPage = lazy(() => import("../app/HallPage.tsx"));

type PreviewState =
  | { readonly stage: "loading" }
  | { readonly stage: "failed"; readonly code: string; readonly message: string }
  | { readonly stage: "ready"; readonly preview: ConsultationPreview };

export interface JoinPageProps {
  readonly doorKey: DoorKey;
}

/** The door of one consultation, from a join code or a facilitator link: preview, name, colour, enter. */
export function JoinPage({ doorKey }: JoinPageProps) {
  const t = useT();
  const [preview, setPreview] = useState<PreviewState>({ stage: "loading" });
  // People meet the consultation in its own language; the language switch changes it for them.
  useConsultationLanguage(preview.stage === "ready" ? preview.preview.language : undefined);
  const [joined, setJoined] = useState<JoinResponse | null>(null);
  const joinCode = "joinCode" in doorKey ? doorKey.joinCode : undefined;
  const facilitatorKey = "facilitatorKey" in doorKey ? doorKey.facilitatorKey : undefined;
  const invitationCode = "invitationCode" in doorKey ? doorKey.invitationCode : undefined;

  useEffect(() => {
    let current = true;
    setPreview({ stage: "loading" });
    setJoined(null);
    const key =
      joinCode !== undefined
        ? { joinCode }
        : invitationCode !== undefined
          ? { invitationCode }
          : { facilitatorKey: facilitatorKey ?? "" };
    void previewConsultation(key).then((result) => {
      if (!current) return;
      if (!result.ok) {
        setPreview({ stage: "failed", code: result.code, message: result.message });
        return;
      }
      setPreview({ stage: "ready", preview: result.value });
    });
    return () => {
      current = false;
    };
  }, [joinCode, facilitatorKey, invitationCode]);

  // Told before anyone picks a name: a join code does not open an invitation or verified consultation.
  const door =
    joinCode !== undefined ? "join_code" : invitationCode !== undefined ? "invitation" : "facilitator_link";
  // A verified consultation's door is its sign-in, whichever link led here.
  const signIn =
    preview.stage === "ready" && preview.preview.access === "verified" && door !== "facilitator_link";
  const closedDoor =
    preview.stage === "ready" && !signIn ? doorRefusal(preview.preview.access, door) : undefined;

  const enter = (join: JoinResponse) => {
    saveSession(join);
    setJoined(join);
  };

  if (joined && preview.stage === "ready") {
    return (
      <Suspense fallback={<LoadingSteps finished={{ code: false, scene: false, room: false }} />}>
        <HallPage
          join={joined}
          preview={preview.preview}
          joinCode={joinCode}
          onLeave={() => setJoined(null)}
        />
      </Suspense>
    );
  }

  return (
    <div className="page">
      <PageHeader />
      <main className="page__main page__main--narrow">
        {preview.stage === "loading" && (
          <p className="card status" role="status" aria-busy="true">
            <span className="spinner" aria-hidden="true" />
            {t("join.looking")}
          </p>
        )}
        {preview.stage === "failed" && (
          <section className="card" aria-labelledby="join-failed-heading">
            <h1 id="join-failed-heading" className="card__title">
              {t("app.name")}
            </h1>
            <p className="form__error" role="alert" data-testid="join-error">
              {describeError(t, preview.code, preview.message)}
            </p>
            {preview.code === "unknown_invitation" && <InvitationCodeForm />}
            <button type="button" className="button" onClick={() => navigate("/")}>
              {t("join.back")}
            </button>
          </section>
        )}
        {preview.stage === "ready" && closedDoor && (
          <section className="card" aria-labelledby="join-closed-heading">
            <h1 id="join-closed-heading" className="card__title">
              {t("join.heading", { title: preview.preview.title })}
            </h1>
            <p className="form__error" role="alert" data-testid="join-error">
              {t(`error.${closedDoor}`)}
            </p>
            {closedDoor === "invitation_required" && <InvitationCodeForm />}
          </section>
        )}
        {preview.stage === "ready" && !closedDoor && (
          <section className="card" aria-labelledby="join-heading">
            <h1 id="join-heading" className="card__title">
              {t(facilitatorKey !== undefined ? "join.facilitatorHeading" : "join.heading", {
                title: preview.preview.title,
              })}
            </h1>
            <PrivacyNotice privacy={preview.preview.privacy} />
            {signIn ? (
              <VerifiedDoor
                consultationId={preview.preview.id}
                codeOfConduct={preview.preview.codeOfConduct}
                onJoined={enter}
              />
            ) : (
              <JoinForm doorKey={doorKey} codeOfConduct={preview.preview.codeOfConduct} onJoined={enter} />
            )}
          </section>
        )}
      </main>
    </div>
  );
}

import { type ReactNode, useEffect, useState } from "react";
import { useForgetEndedSession } from "../../app/ended-session.ts";
import { describeError, useConsultationLanguage, useT } from "../../app/i18n.tsx";
import { loadSession, watchSession } from "../../app/saved-sessions.ts";
import { useSharedDevice } from "../../app/shared-device.ts";
import { TEST_MODE } from "../../app/test-mode.ts";
import { connectToHall, leaveHall } from "../../net/hall-connection.ts";
import { selectSelf, useHallStore } from "../../net/hall-store.ts";
import { PageHeader } from "../PageHeader.tsx";
import { Toasts } from "../Toasts.tsx";
import { FacilitatorConsole } from "./FacilitatorConsole.tsx";

/**
 * The facilitator console on a page of its own, for a second screen: it joins the room as a console
 * (no avatar, the hall tab stays connected) with the session this browser entered the hall with.
 */
export function ConsolePage({ consultationId }: { readonly consultationId: string }) {
  const t = useT();
  const [session, setSession] = useState(() => loadSession(consultationId));
  const shared = useSharedDevice((state) => state.on);
  const [attempt, setAttempt] = useState(0);
  const status = useHallStore((state) => state.status);
  const failure = useHallStore((state) => state.failure);
  const title = useHallStore((state) => state.title);
  useConsultationLanguage(useHallStore((state) => state.language) || undefined);
  const self = useHallStore(selectSelf);

  useEffect(() => {
    if (__PLENUM_TEST_BUILD__ && TEST_MODE)
      void import("../../app/test-hook.ts").then((hook) => hook.installTestHook());
  }, []);

  // The person left the hall in another tab (or the session ended there): this screen leaves with them.
  useEffect(() => watchSession(consultationId, () => setSession(undefined)), [consultationId]);
  useForgetEndedSession(consultationId);

  useEffect(() => {
    if (!session) return;
    void attempt;
    void connectToHall(session, "desktop", "console");
    return leaveHall;
  }, [session, attempt]);

  useEffect(() => {
    document.title = title ? `${t("console.title")} – ${title}` : t("console.title");
  }, [title, t]);

  let body: ReactNode;
  if (!session) {
    body = (
      <section className="card" data-testid="console-no-session">
        <h1 className="card__title">{t("console.title")}</h1>
        <p className="form__error" role="alert">
          {t("console.noSession")}
        </p>
        <p>{t(shared ? "console.noSessionShared" : "console.noSessionHow")}</p>
      </section>
    );
  } else if (status === "failed" || status === "disconnected" || status === "replaced") {
    const message =
      failure?.code === "not_allowed"
        ? t("console.notAllowed")
        : failure
          ? describeError(t, failure.code, failure.message)
          : t("hall.disconnected");
    const final = [
      "not_allowed",
      "invalid_session",
      "removed",
      "banned",
      "erased",
      "facilitator_link_replaced",
    ].includes(failure?.code ?? "");
    body = (
      <section className="card">
        <h1 className="card__title">{t("console.title")}</h1>
        <p className="form__error" role="alert" data-testid="console-failed">
          {message}
        </p>
        {failure?.code === "invalid_session" && <p>{t("console.noSessionHow")}</p>}
        {!final && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => setAttempt((value) => value + 1)}
          >
            {t("hall.rejoin")}
          </button>
        )}
      </section>
    );
  } else if (status === "connecting") {
    body = (
      <p className="card status" role="status" aria-busy="true">
        <span className="spinner" aria-hidden="true" />
        {t("loading.connecting")}
      </p>
    );
  } else {
    // Admitted as a console: a facilitator link gives `facilitator`; anyone else got in as a co-facilitator.
    const role = self?.role ?? (session.role === "facilitator" ? "facilitator" : "co_facilitator");
    body = (
      <section className="card console-page__card" aria-labelledby="console-heading">
        <h1 id="console-heading" className="card__title">
          {t("console.title")} – {title}
        </h1>
        {status === "reconnecting" && (
          <p role="status" className="console__reconnecting">
            {t("hall.reconnecting")}
          </p>
        )}
        <FacilitatorConsole actor={{ id: session.participantId, role }} joinCode={session.joinCode} />
      </section>
    );
  }

  return (
    <div className="page console-page">
      <PageHeader />
      <main className="page__main console-page__main">{body}</main>
      <Toasts />
    </div>
  );
}

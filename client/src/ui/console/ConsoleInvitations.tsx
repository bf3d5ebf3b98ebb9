import { useCallback, useEffect, useId, useState } from "react";
import { cleanLabels, MAX_INVITATIONS } from "../../../../shared/consultation/invitations.ts";
import type { CreatedInvitation, InvitationListResponse } from "../../../../shared/protocol/http-api.ts";
import { downloadFile } from "../../app/download-file.ts";
import { describeError, useLanguage, useT } from "../../app/i18n.tsx";
import { useFacilitation } from "../../net/facilitation-store.ts";
import { useHallStore } from "../../net/hall-store.ts";
import { createInvitations, listInvitations, revokeInvitation } from "../../net/invitations-api.ts";
import { ConfirmDialog } from "../ConfirmDialog.tsx";
import { invitationSheet, invitationsCsv } from "./invitation-sheet.ts";

type Listed = InvitationListResponse["invitations"][number];

/**
 * Personal invitations: made by number or one per pasted label, downloaded at once as CSV and as a
 * printable sheet of QR codes (the codes are never shown again), then listed with their states.
 */
export function ConsoleInvitations() {
  const t = useT();
  const id = useId();
  const { language } = useLanguage();
  const consultationId = useFacilitation((state) => state.consultationId);
  const title = useHallStore((state) => state.title);
  const [count, setCount] = useState("10");
  const [labels, setLabels] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const [created, setCreated] = useState<readonly CreatedInvitation[]>([]);
  const [listed, setListed] = useState<readonly Listed[]>([]);
  const [revoking, setRevoking] = useState<Listed | null>(null);

  const refresh = useCallback(async () => {
    if (!consultationId) return;
    const answer = await listInvitations(consultationId);
    if (answer.ok) setListed(answer.value.invitations);
    else setError(describeError(t, answer.error.code, answer.error.message));
  }, [consultationId, t]);

  // Someone entering or leaving the hall may have used an invitation: the states are read again.
  const present = useHallStore((state) => state.participants.length);
  useEffect(() => {
    void present;
    void refresh();
  }, [refresh, present]);

  const make = async (body: { count: number } | { labels: string[] }) => {
    setBusy(true);
    setError("");
    const answer = await createInvitations({ consultationId, ...body });
    setBusy(false);
    if (!answer.ok) {
      setError(describeError(t, answer.error.code, answer.error.message));
      return;
    }
    setCreated(answer.value.invitations);
    await refresh();
  };

  const byCount = () => {
    const n = Number(count);
    if (!Number.isInteger(n) || n < 1 || n > MAX_INVITATIONS) setError(t("error.invalid_invitations"));
    else void make({ count: n });
  };

  const byLabels = () => {
    const lines = labels.split(/\r?\n/).filter((line) => line.trim() !== "");
    const clean = lines.length > 0 && lines.length <= MAX_INVITATIONS ? cleanLabels(lines) : undefined;
    if (!clean) setError(t("error.invalid_invitations"));
    else void make({ labels: clean });
  };

  const sheet = async () => {
    const html = await invitationSheet(created, window.location.origin, {
      language,
      heading: t("invite.sheetTitle", { title }),
      help: t("invite.sheetHelp"),
      qrAlt: t("invite.qrAlt"),
    });
    downloadFile("invitations.html", "text/html", html);
  };

  const revoke = async (invitation: Listed) => {
    setRevoking(null);
    const answer = await revokeInvitation(invitation.id);
    if (!answer.ok) setError(describeError(t, answer.error.code, answer.error.message));
    await refresh();
  };

  const entered = listed.filter((i) => i.state === "entered").length;
  const revoked = listed.filter((i) => i.state === "revoked").length;

  return (
    <section className="console__section" aria-labelledby={`${id}-heading`} data-testid="console-invitations">
      <h2 id={`${id}-heading`}>{t("invite.heading")}</h2>
      <div className="console__row">
        <div className="field">
          <label htmlFor={`${id}-count`}>{t("invite.count")}</label>
          <input
            id={`${id}-count`}
            data-testid="invite-count"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_INVITATIONS}
            value={count}
            onChange={(event) => setCount(event.target.value)}
          />
        </div>
        <button
          type="button"
          className="button"
          data-testid="invite-by-count"
          disabled={busy}
          onClick={byCount}
        >
          {t("invite.createCount")}
        </button>
      </div>
      <div className="field">
        <label htmlFor={`${id}-labels`}>{t("invite.labels")}</label>
        <textarea
          id={`${id}-labels`}
          data-testid="invite-labels"
          rows={4}
          value={labels}
          onChange={(event) => setLabels(event.target.value)}
        />
      </div>
      <button
        type="button"
        className="button"
        data-testid="invite-by-labels"
        disabled={busy}
        onClick={byLabels}
      >
        {t("invite.createLabels")}
      </button>
      {error && (
        <p role="alert" className="form__error">
          {error}
        </p>
      )}
      {created.length > 0 && (
        <div role="status" data-testid="invite-created">
          <p>{t("invite.created", { count: created.length })}</p>
          <div className="console__row">
            <button
              type="button"
              className="button button--primary"
              data-testid="invite-csv"
              onClick={() =>
                downloadFile("invitations.csv", "text/csv", invitationsCsv(created, window.location.origin))
              }
            >
              {t("invite.csv")}
            </button>
            <button
              type="button"
              className="button button--primary"
              data-testid="invite-sheet"
              onClick={() => void sheet()}
            >
              {t("invite.sheet")}
            </button>
          </div>
        </div>
      )}
      <p data-testid="invite-summary">
        {listed.length === 0
          ? t("invite.none")
          : t("invite.summary", { total: listed.length, entered, revoked })}
      </p>
      {listed.length > 0 && (
        <div className="invitations__scroll">
          <table className="invitations__table" data-testid="invite-list">
            <thead>
              <tr>
                <th scope="col">{t("invite.columnId")}</th>
                <th scope="col">{t("invite.columnLabel")}</th>
                <th scope="col">{t("invite.columnState")}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {listed.map((invitation) => (
                <tr key={invitation.id} data-testid="invite-row" data-state={invitation.state}>
                  <td>{invitation.id.slice(0, 6)}</td>
                  <td>{invitation.label ?? ""}</td>
                  <td>{t(`invite.state.${invitation.state}`)}</td>
                  <td>
                    {invitation.state !== "revoked" && (
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={t("invite.revokeNamed", {
                          label: invitation.label ?? invitation.id.slice(0, 6),
                        })}
                        data-testid="invite-revoke"
                        onClick={() => setRevoking(invitation)}
                      >
                        {t("invite.revoke")}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {revoking && (
        <ConfirmDialog
          heading={t("invite.revokeConfirmHeading")}
          text={t("invite.revokeConfirmText")}
          confirmLabel={t("invite.revoke")}
          testId="revoke-invitation"
          onConfirm={() => void revoke(revoking)}
          onCancel={() => setRevoking(null)}
        />
      )}
    </section>
  );
}

import { useId, useState } from "react";
import type { Person } from "../../../../shared/consultation/moderation.ts";
import { standingOf } from "../../../../shared/consultation/permissions.ts";
import { isMessageKey, useT } from "../../app/i18n.tsx";
import { personControls } from "../../facilitation/console-controls.ts";
import { useConsultation } from "../../net/consultation-store.ts";
import { useFacilitation } from "../../net/facilitation-store.ts";
import {
  banParticipant,
  dismissHand,
  giveFloorTo,
  moveParticipant,
  muteParticipant,
  removeParticipant,
  setRole,
  unmuteParticipant,
} from "../../net/facilitator-actions.ts";
import { type ParticipantSummary, useHallStore } from "../../net/hall-store.ts";
import { ReasonDialog } from "../ReasonDialog.tsx";

interface Pending {
  readonly kind: "remove" | "ban";
  readonly participant: ParticipantSummary;
}

/** Everyone present with their state, and what the facilitator may do to each. */
export function ConsoleParticipants({
  actor,
  limitSeconds,
}: {
  readonly actor: Person;
  readonly limitSeconds: number | undefined;
}) {
  const t = useT();
  const id = useId();
  const participants = useHallStore((state) => state.participants);
  const phase = useConsultation((state) => state.phase);
  const reports = useFacilitation((state) => state.reports);
  const [pending, setPending] = useState<Pending | null>(null);
  const reportCounts = new Map<string, number>();
  for (const report of reports) reportCounts.set(report.aboutId, (reportCounts.get(report.aboutId) ?? 0) + 1);

  return (
    <section className="console__section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("console.participants", { count: participants.length })}</h2>
      <ul className="console__people" data-testid="console-participants">
        {participants.map((participant) => (
          <ParticipantRow
            key={participant.id}
            actor={actor}
            participant={participant}
            phase={phase}
            reported={reportCounts.get(participant.id) ?? 0}
            limitSeconds={limitSeconds}
            onConfirm={(kind) => setPending({ kind, participant })}
          />
        ))}
      </ul>
      {pending && (
        <ReasonDialog
          testId={`confirm-${pending.kind}`}
          heading={t(pending.kind === "remove" ? "console.removeHeading" : "console.banHeading", {
            name: pending.participant.name,
          })}
          explanation={t(pending.kind === "remove" ? "console.removeExplain" : "console.banExplain", {
            name: pending.participant.name,
          })}
          label={t("console.reason", { name: pending.participant.name })}
          confirmLabel={t(pending.kind === "remove" ? "console.remove" : "console.ban")}
          danger
          onCancel={() => setPending(null)}
          onConfirm={(reason) => {
            if (pending.kind === "remove") removeParticipant(pending.participant.id, reason);
            else banParticipant(pending.participant.id, reason);
            setPending(null);
          }}
        />
      )}
    </section>
  );
}

interface ParticipantRowProps {
  readonly actor: Person;
  readonly participant: ParticipantSummary;
  /** The consultation's phase: a closed one no longer accepts some actions. */
  readonly phase: string;
  readonly reported: number;
  readonly limitSeconds: number | undefined;
  readonly onConfirm: (kind: "remove" | "ban") => void;
}

function ParticipantRow({
  actor,
  participant,
  phase,
  reported,
  limitSeconds,
  onConfirm,
}: ParticipantRowProps) {
  const t = useT();
  const id = useId();
  const [seat, setSeat] = useState("");
  const leadId = useFacilitation((state) => state.leadId);
  const standing = standingOf(participant, leadId);
  const controls = personControls(actor, { ...participant, role: standing }, phase);
  const name = participant.name;
  const roleKey = `role.${standing}`;
  const deviceKey = `device.${participant.device}`;
  const statuses = [
    participant.hasFloor ? t("status.hasFloor") : "",
    participant.handRaised ? t("status.handRaised") : "",
    participant.mutedByFacilitator
      ? t("status.mutedByFacilitator")
      : participant.muted
        ? t("status.micOff")
        : t("status.micOn"),
    reported > 0 ? t("status.reported", { count: reported }) : "",
  ].filter(Boolean);
  const seatNumber = /^\d+$/.test(seat.trim()) ? Number(seat.trim()) : undefined;

  return (
    <li className="console__person" data-testid="console-participant" data-participant-id={participant.id}>
      <div className="console__person-head">
        <span className="participant__dot" style={{ background: participant.color }} aria-hidden="true" />
        <span className="console__person-name">
          {name}
          {participant.id === actor.id && <span className="participant__you"> ({t("hall.you")})</span>}
        </span>
        <span className="console__person-meta">
          {isMessageKey(roleKey) ? t(roleKey) : participant.role} ·{" "}
          {isMessageKey(deviceKey) ? t(deviceKey) : participant.device}
        </span>
      </div>
      <p className={`console__statuses${reported > 0 ? " console__statuses--reported" : ""}`}>
        {statuses.join(" · ")}
      </p>
      <fieldset className="console__actions">
        <legend className="visually-hidden">{t("console.actionsFor", { name })}</legend>
        {controls.giveFloor && (
          <button
            type="button"
            className="button button--small"
            data-testid="person-give-floor"
            aria-label={t("console.giveFloorTo", { name })}
            onClick={() => giveFloorTo(participant.id, limitSeconds)}
          >
            {t("console.giveFloor")}
          </button>
        )}
        {controls.dismissHand && (
          <button
            type="button"
            className="button button--small"
            aria-label={t("console.dismissHandOf", { name })}
            onClick={() => dismissHand(participant.id)}
          >
            {t("console.dismissHand")}
          </button>
        )}
        {controls.mute && (
          <button
            type="button"
            className="button button--small"
            data-testid="person-mute"
            aria-label={t("console.muteName", { name })}
            onClick={() => muteParticipant(participant.id)}
          >
            {t("console.mute")}
          </button>
        )}
        {controls.unmute && (
          <button
            type="button"
            className="button button--small"
            data-testid="person-unmute"
            aria-label={t("console.unmuteName", { name })}
            onClick={() => unmuteParticipant(participant.id)}
          >
            {t("console.unmute")}
          </button>
        )}
        {controls.move && (
          <form
            className="console__move"
            onSubmit={(event) => {
              event.preventDefault();
              if (seatNumber !== undefined) moveParticipant(participant.id, seatNumber);
            }}
          >
            <label htmlFor={`${id}-seat`} className="visually-hidden">
              {t("console.seatOf", { name })}
            </label>
            <input
              id={`${id}-seat`}
              className="console__seat"
              inputMode="numeric"
              placeholder={t("console.seat")}
              value={seat}
              onChange={(event) => setSeat(event.target.value)}
            />
            <button
              type="submit"
              className="button button--small"
              aria-label={t("console.moveName", { name })}
              disabled={seatNumber === undefined}
            >
              {t("console.move")}
            </button>
          </form>
        )}
        {controls.roleChanges.map((change) => (
          <button
            key={change.to}
            type="button"
            className="button button--small"
            data-testid={`person-role-${change.to}`}
            aria-label={t("console.roleFor", { action: t(change.label), name })}
            onClick={() => setRole(participant.id, change.to)}
          >
            {t(change.label)}
          </button>
        ))}
        {controls.remove && (
          <button
            type="button"
            className="button button--small button--danger"
            data-testid="person-remove"
            aria-label={t("console.removeName", { name })}
            onClick={() => onConfirm("remove")}
          >
            {t("console.remove")}
          </button>
        )}
        {controls.ban && (
          <button
            type="button"
            className="button button--small button--danger"
            data-testid="person-ban"
            aria-label={t("console.banName", { name })}
            onClick={() => onConfirm("ban")}
          >
            {t("console.ban")}
          </button>
        )}
      </fieldset>
    </li>
  );
}

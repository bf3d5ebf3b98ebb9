import { type ReactNode, useId } from "react";
import { isMessageKey, useT } from "../app/i18n.tsx";
import { useHallStore } from "../net/hall-store.ts";
import { useSpeaking } from "../voice/speaking.ts";
import { FoldButton, type FoldProps } from "./FoldButton.tsx";
import { HandIcon, MicOffIcon } from "./icons.tsx";
import { ReportButton } from "./ReportButton.tsx";

/** A state shown beside a name (speaking, microphone off, hand raised): read out by its label. */
function StatusMark({
  className,
  label,
  testId,
  children,
}: {
  className: string;
  label: string;
  testId?: string;
  children?: ReactNode;
}) {
  return (
    <span className={className} role="img" aria-label={label} title={label} data-testid={testId}>
      {children}
    </span>
  );
}

/** The heading of the list of people present, with how many there are. */
export function useParticipantsHeading(): string {
  const t = useT();
  const count = useHallStore((state) => state.participants.length);
  return t("hall.participants", { count });
}

/** Everyone present, facilitators first, as a folding panel beside the hall on a computer. */
export function ParticipantList({ open, onToggle }: FoldProps) {
  const id = useId();
  const heading = useParticipantsHeading();
  return (
    <section className="panel participants" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="participants__heading">
        <FoldButton open={open} onToggle={onToggle} controls={`${id}-list`}>
          {heading}
        </FoldButton>
      </h2>
      <ParticipantRows id={`${id}-list`} hidden={!open} />
    </section>
  );
}

/** The rows of everyone present: name, colour, role, device, marks and the report button. */
export function ParticipantRows({ id, hidden = false }: { readonly id?: string; readonly hidden?: boolean }) {
  const t = useT();
  const participants = useHallStore((state) => state.participants);
  const selfId = useHallStore((state) => state.selfId);
  const speaking = useSpeaking((state) => state.ids);
  return (
    <ul id={id} className="participants__list" data-testid="participant-list" hidden={hidden}>
      {participants.map((participant) => {
        const roleKey = `role.${participant.role}`;
        const deviceKey = `device.${participant.device}`;
        const facilitator = participant.role === "facilitator";
        return (
          <li key={participant.id} className="participant" data-participant-id={participant.id}>
            <span className="participant__dot" style={{ background: participant.color }} aria-hidden="true" />
            <span className="participant__name">
              {participant.name}
              {participant.id === selfId && <span className="participant__you"> ({t("hall.you")})</span>}{" "}
              {speaking.has(participant.id) && (
                <StatusMark className="participant__speaking" label={t("voice.speaking")} testId="speaking" />
              )}
              {participant.muted && (
                <StatusMark className="participant__muted" label={t("voice.micOff")}>
                  <MicOffIcon />
                </StatusMark>
              )}
            </span>
            <span className="participant__marks">
              {participant.handRaised && (
                <StatusMark className="participant__hand" label={t("hall.handRaised")} testId="hand-raised">
                  <HandIcon />
                </StatusMark>
              )}
              {facilitator && (
                <span className="badge badge--facilitator">
                  {isMessageKey(roleKey) ? t(roleKey) : participant.role}
                </span>
              )}
            </span>
            <span className="participant__meta">
              {!facilitator && isMessageKey(roleKey) ? `${t(roleKey)} · ` : ""}
              {isMessageKey(deviceKey) ? t(deviceKey) : participant.device}
              {participant.seat >= 0 ? ` · ${t("hall.seated")}` : ""}
            </span>
            {participant.reconnecting && (
              <span className="participant__reconnecting" data-testid="participant-reconnecting">
                {t("hall.participantReconnecting")}
              </span>
            )}
            {participant.id !== selfId && (
              <ReportButton participantId={participant.id} name={participant.name} />
            )}
          </li>
        );
      })}
    </ul>
  );
}

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

/** Everyone present, facilitators first; collapsible so it does not cover the hall on a phone. */
export function ParticipantList({ open, onToggle }: FoldProps) {
  const t = useT();
  const id = useId();
  const participants = useHallStore((state) => state.participants);
  const selfId = useHallStore((state) => state.selfId);
  const speaking = useSpeaking((state) => state.ids);
  return (
    <section className="panel participants" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="participants__heading">
        <FoldButton open={open} onToggle={onToggle} controls={`${id}-list`}>
          {t("hall.participants", { count: participants.length })}
        </FoldButton>
      </h2>
      <ul id={`${id}-list`} className="participants__list" data-testid="participant-list" hidden={!open}>
        {participants.map((participant) => {
          const roleKey = `role.${participant.role}`;
          const deviceKey = `device.${participant.device}`;
          const facilitator = participant.role === "facilitator";
          return (
            <li key={participant.id} className="participant" data-participant-id={participant.id}>
              <span
                className="participant__dot"
                style={{ background: participant.color }}
                aria-hidden="true"
              />
              <span className="participant__name">
                {participant.name}
                {participant.id === selfId && <span className="participant__you"> ({t("hall.you")})</span>}{" "}
                {speaking.has(participant.id) && (
                  <StatusMark
                    className="participant__speaking"
                    label={t("voice.speaking")}
                    testId="speaking"
                  />
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
    </section>
  );
}

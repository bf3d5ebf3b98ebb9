import { useId, useState } from "react";
import { MAX_FLOOR_SECONDS } from "../../../../shared/consultation/floor.ts";
import type { Person } from "../../../../shared/consultation/moderation.ts";
import { standingOf } from "../../../../shared/consultation/permissions.ts";
import { SPEAKING_MODES } from "../../../../shared/consultation/speaking-mode.ts";
import { useT } from "../../app/i18n.tsx";
import { roomControls } from "../../facilitation/console-controls.ts";
import { floorClock, formatCountdown, parseLimitSeconds } from "../../facilitation/floor-clock.ts";
import { useConsultation } from "../../net/consultation-store.ts";
import { useFacilitation } from "../../net/facilitation-store.ts";
import {
  dismissHand,
  extendFloor,
  giveFloorTo,
  giveFloorToNext,
  lockRoom,
  muteEveryone,
  setSpeakingMode,
  takeFloor,
} from "../../net/facilitator-actions.ts";
import { useHallStore } from "../../net/hall-store.ts";
import { useNow } from "../use-now.ts";
import { ConsoleAccess } from "./ConsoleAccess.tsx";
import { ConsoleConsultation } from "./ConsoleConsultation.tsx";
import { ConsoleInvitations } from "./ConsoleInvitations.tsx";
import { ConsoleParticipants } from "./ConsoleParticipants.tsx";
import { ConsolePeople } from "./ConsolePeople.tsx";
import { ConsoleRecords } from "./ConsoleRecords.tsx";

const EXTENSIONS = [30, 60] as const;

export interface FacilitatorConsoleProps {
  /** Who runs this console: their id and current role (the room checks again). */
  readonly actor: Person;
  readonly joinCode: string | undefined;
}

/** The facilitator's controls: the floor and its timer, the queue, the room, everyone present, reports and the log. */
export function FacilitatorConsole({ actor: self, joinCode }: FacilitatorConsoleProps) {
  const t = useT();
  const id = useId();
  const phase = useConsultation((state) => state.phase);
  const leadId = useFacilitation((state) => state.leadId);
  // The lead may do what other facilitators may not: the rules read the standing, not the role.
  const actor: Person = { id: self.id, role: standingOf(self, leadId) };
  const controls = roomControls(actor.role, phase);
  const floor = useFacilitation((state) => state.floor);
  const queue = useFacilitation((state) => state.queue);
  const mode = useFacilitation((state) => state.mode);
  const locked = useFacilitation((state) => state.locked);
  const participants = useHallStore((state) => state.participants);
  const names = new Map(participants.map((participant) => [participant.id, participant.name]));
  const now = useNow(floor.endsAt > 0);
  const clock = floorClock(floor, now);
  const [limitText, setLimitText] = useState("");
  const limit = parseLimitSeconds(limitText, MAX_FLOOR_SECONDS);
  const limitSeconds = limit === "invalid" ? undefined : limit;

  return (
    <div className="console" data-testid="facilitator-console">
      {joinCode && (
        <p className="console__code" data-testid="console-join-code">
          {t("hall.joinCode", { code: joinCode })}
        </p>
      )}
      {controls.floor && (
        <section className="console__section" aria-labelledby={`${id}-floor`} data-testid="console-floor">
          <h2 id={`${id}-floor`}>{t("floor.heading")}</h2>
          <p className="console__speaker" data-testid="console-speaker">
            {floor.holderId === ""
              ? t("floor.free")
              : t("floor.speaker", { name: names.get(floor.holderId) ?? floor.holderId })}
            {floor.holderId !== "" && (
              <span className="console__time" data-testid="console-countdown">
                {clock.phase === "counting"
                  ? ` · ${t("floor.remaining", { time: formatCountdown(clock.remainingMs) })}`
                  : clock.phase === "grace"
                    ? ` · ${t("floor.grace", { time: formatCountdown(clock.remainingMs) })}`
                    : ` · ${t("floor.unlimited")}`}
              </span>
            )}
          </p>
          <div className="field console__limit">
            <label htmlFor={`${id}-limit`}>{t("console.limit")}</label>
            <input
              id={`${id}-limit`}
              data-testid="console-limit"
              inputMode="numeric"
              value={limitText}
              aria-invalid={limit === "invalid" || undefined}
              onChange={(event) => setLimitText(event.target.value)}
            />
          </div>
          <div className="console__row">
            <button
              type="button"
              className="button button--primary"
              data-testid="console-give-next"
              disabled={queue.length === 0 || limit === "invalid"}
              onClick={() => giveFloorToNext(limitSeconds)}
            >
              {t("console.giveNext")}
            </button>
            <button
              type="button"
              className="button"
              data-testid="console-take-floor"
              disabled={floor.holderId === ""}
              onClick={takeFloor}
            >
              {t("console.takeFloor")}
            </button>
            {EXTENSIONS.map((seconds) => (
              <button
                key={seconds}
                type="button"
                className="button button--small"
                data-testid={`console-extend-${seconds}`}
                aria-label={t("console.extendLabel", { seconds })}
                disabled={floor.holderId === ""}
                onClick={() => extendFloor(seconds)}
              >
                {t("console.extend", { seconds })}
              </button>
            ))}
          </div>
          <h3 id={`${id}-queue`}>{t("console.queue", { count: queue.length })}</h3>
          {queue.length === 0 ? (
            <p className="console__empty">{t("console.queueEmpty")}</p>
          ) : (
            <ol className="console__queue" aria-labelledby={`${id}-queue`} data-testid="console-queue">
              {queue.map((participantId) => {
                const name = names.get(participantId) ?? participantId;
                return (
                  <li key={participantId} data-participant-id={participantId}>
                    <span className="console__queue-name">{name}</span>
                    <button
                      type="button"
                      className="button button--small"
                      data-testid="queue-give-floor"
                      aria-label={t("console.giveFloorTo", { name })}
                      disabled={limit === "invalid"}
                      onClick={() => giveFloorTo(participantId, limitSeconds)}
                    >
                      {t("console.giveFloor")}
                    </button>
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={t("console.dismissHandOf", { name })}
                      onClick={() => dismissHand(participantId)}
                    >
                      {t("console.dismissHand")}
                    </button>
                  </li>
                );
              })}
            </ol>
          )}
        </section>
      )}
      <section className="console__section" aria-labelledby={`${id}-room`}>
        <h2 id={`${id}-room`}>{t("console.room")}</h2>
        {controls.mode && (
          <fieldset className="console__modes">
            <legend>{t("console.mode")}</legend>
            {SPEAKING_MODES.map((option) => (
              <label key={option} className="console__mode">
                <input
                  type="radio"
                  name={`${id}-mode`}
                  value={option}
                  data-testid={`console-mode-${option}`}
                  checked={mode === option}
                  onChange={() => setSpeakingMode(option)}
                />
                {t(`mode.${option}`)}
              </label>
            ))}
          </fieldset>
        )}
        <div className="console__row">
          {controls.muteAll && (
            <button type="button" className="button" data-testid="console-mute-all" onClick={muteEveryone}>
              {t("console.muteAll")}
            </button>
          )}
          {controls.lock && (
            <button
              type="button"
              className="button"
              data-testid="console-lock"
              aria-pressed={locked}
              onClick={() => lockRoom(!locked)}
            >
              {locked ? t("console.unlock") : t("console.lock")}
            </button>
          )}
        </div>
        {locked && <p className="console__locked">{t("console.locked")}</p>}
        {controls.access && <ConsoleAccess />}
      </section>
      {controls.access && <ConsoleInvitations />}
      <ConsoleConsultation role={actor.role} />
      <ConsoleParticipants actor={actor} limitSeconds={limitSeconds} />
      {controls.people && <ConsolePeople actor={actor} />}
      {controls.audit && <ConsoleRecords />}
    </div>
  );
}

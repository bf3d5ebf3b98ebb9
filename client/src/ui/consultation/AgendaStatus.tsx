import { useT } from "../../app/i18n.tsx";
import { agendaClock } from "../../consultation/agenda-clock.ts";
import { formatCountdown } from "../../facilitation/floor-clock.ts";
import { selectCurrentItem, useConsultation } from "../../net/consultation-store.ts";
import { useNow } from "../use-now.ts";

/** The agenda item being discussed and its timer (planned time left, or how far over). */
export function AgendaStatus() {
  const t = useT();
  const agenda = useConsultation((state) => state.agenda);
  const item = useConsultation(selectCurrentItem);
  const now = useNow(item !== undefined, 1000);
  if (agenda.items.length === 0) return null;
  if (!item) return <p className="agenda-status">{t("agenda.notStarted")}</p>;
  const clock = agendaClock(item.plannedMinutes, item.spentMs, agenda.startedAt, now);
  return (
    <div className="agenda-status" data-testid="agenda-status">
      <p className="agenda-status__position">
        {t("agenda.position", { number: agenda.current + 1, count: agenda.items.length })}
      </p>
      <p className="agenda-status__title">{t("agenda.current", { title: item.title })}</p>
      <p className={`agenda-status__time${clock.over ? " agenda-status__time--over" : ""}`}>
        {clock.over
          ? t("agenda.over", { time: formatCountdown(-clock.remainingMs) })
          : t("agenda.remaining", { time: formatCountdown(clock.remainingMs) })}
      </p>
    </div>
  );
}

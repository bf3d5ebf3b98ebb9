import { useT } from "../app/i18n.tsx";
import { agendaClock } from "../consultation/agenda-clock.ts";
import { formatCountdown } from "../facilitation/floor-clock.ts";
import { type AgendaItemView, selectCurrentItem, useConsultation } from "../net/consultation-store.ts";
import { useNow } from "./use-now.ts";

export interface AgendaNow {
  readonly item: AgendaItemView;
  /** The item's place, counting from 1, and the number of items. */
  readonly number: number;
  readonly count: number;
  /** "4:59 left" or "0:30 over time", ticking every second. */
  readonly time: string;
  readonly over: boolean;
}

/**
 * The running agenda item and its timer as words, the same on the overlay, the big screen and the hand
 * menu; undefined while no item runs.
 */
export function useAgendaNow(): AgendaNow | undefined {
  const t = useT();
  const item = useConsultation(selectCurrentItem);
  const agenda = useConsultation((state) => state.agenda);
  const now = useNow(item !== undefined, 1000);
  if (!item) return undefined;
  const clock = agendaClock(item.plannedMinutes, item.spentMs, agenda.startedAt, now);
  const time = clock.over
    ? t("agenda.over", { time: formatCountdown(-clock.remainingMs) })
    : t("agenda.remaining", { time: formatCountdown(clock.remainingMs) });
  return { item, number: agenda.current + 1, count: agenda.items.length, time, over: clock.over };
}

/**
 * The agenda: items with a title, planned minutes and an optional linked poll, run one after the other.
 * Each item keeps its actual times (first start, last end, time spent), for the outcome report.
 */

export const AGENDA_MAX_ITEMS = 50;
export const AGENDA_TITLE_MAX = 120;
export const AGENDA_MAX_MINUTES = 600;

export interface AgendaItem {
  readonly id: string;
  readonly title: string;
  readonly plannedMinutes: number;
  /** A poll opened when the item becomes current. */
  readonly pollId: string | undefined;
  /** When the item first became current (epoch ms); undefined while it has not. */
  readonly startedAt: number | undefined;
  /** When the item last stopped being current. */
  readonly endedAt: number | undefined;
  /** Time spent on the item so far, not counting the running stretch. */
  readonly spentMs: number;
}

export interface Agenda {
  readonly items: readonly AgendaItem[];
  /** Index of the current item; -1 before the first one starts. */
  readonly current: number;
  /** When the current item became current (its timer); 0 when none is. */
  readonly currentSince: number;
}

export const EMPTY_AGENDA: Agenda = { items: [], current: -1, currentSince: 0 };

export type AgendaRefusal = "agenda_end" | "agenda_start" | "agenda_in_progress";
export type AgendaResult = { ok: true; agenda: Agenda } | { ok: false; code: AgendaRefusal };

export function newAgendaItem(
  id: string,
  title: string,
  plannedMinutes: number,
  pollId?: string,
): AgendaItem {
  return { id, title, plannedMinutes, pollId, startedAt: undefined, endedAt: undefined, spentMs: 0 };
}

/** The current item, if one is running. */
export function currentItem(agenda: Agenda): AgendaItem | undefined {
  return agenda.items[agenda.current];
}

function stopCurrent(agenda: Agenda, now: number): AgendaItem[] {
  return agenda.items.map((item, index) =>
    index === agenda.current
      ? { ...item, endedAt: now, spentMs: item.spentMs + Math.max(0, now - agenda.currentSince) }
      : item,
  );
}

function moveTo(agenda: Agenda, index: number, now: number): Agenda {
  const items = stopCurrent(agenda, now).map((item, i) =>
    i === index && item.startedAt === undefined ? { ...item, startedAt: now } : item,
  );
  return { items, current: index, currentSince: now };
}

/** Starts the next item (the first one before the agenda began); refused after the last. */
export function nextItem(agenda: Agenda, now: number): AgendaResult {
  if (agenda.current + 1 >= agenda.items.length) return { ok: false, code: "agenda_end" };
  return { ok: true, agenda: moveTo(agenda, agenda.current + 1, now) };
}

/** Goes back to the previous item; its time keeps adding up. Refused on the first item or before. */
export function previousItem(agenda: Agenda, now: number): AgendaResult {
  if (agenda.current <= 0) return { ok: false, code: "agenda_start" };
  return { ok: true, agenda: moveTo(agenda, agenda.current - 1, now) };
}

/** Stops the running item (the consultation closes): its end and time spent are recorded. */
export function finishAgenda(agenda: Agenda, now: number): Agenda {
  if (agenda.current < 0 || agenda.current >= agenda.items.length) return agenda;
  return { items: stopCurrent(agenda, now), current: agenda.current, currentSince: 0 };
}

/**
 * Replaces the items while the consultation runs. Items keep their actual times by id; the running
 * item must stay (refused with `agenda_in_progress` otherwise) and stays current where it moved to.
 */
export function editAgenda(
  agenda: Agenda,
  items: readonly { id: string; title: string; plannedMinutes: number; pollId: string | undefined }[],
): AgendaResult {
  const running = currentItem(agenda);
  const current = running === undefined ? -1 : items.findIndex((item) => item.id === running.id);
  if (running !== undefined && current < 0) return { ok: false, code: "agenda_in_progress" };
  const before = new Map(agenda.items.map((item) => [item.id, item]));
  const next = items.map((item) => {
    const old = before.get(item.id);
    return old
      ? { ...old, title: item.title, plannedMinutes: item.plannedMinutes, pollId: item.pollId }
      : newAgendaItem(item.id, item.title, item.plannedMinutes, item.pollId);
  });
  return { ok: true, agenda: { items: next, current, currentSince: agenda.currentSince } };
}

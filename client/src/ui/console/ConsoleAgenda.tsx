import { useId, useState } from "react";
import { AGENDA_MAX_ITEMS, AGENDA_MAX_MINUTES } from "../../../../shared/consultation/agenda.ts";
import { useT } from "../../app/i18n.tsx";
import { agendaNext, agendaPrevious, setAgenda } from "../../net/consultation-requests.ts";
import { type AgendaItemView, useConsultation } from "../../net/consultation-store.ts";
import { AgendaStatus } from "../consultation/AgendaStatus.tsx";

interface Draft {
  readonly id?: string;
  readonly title: string;
  readonly minutes: string;
  readonly pollId: string;
}

const toDraft = (item: AgendaItemView): Draft => ({
  id: item.id,
  title: item.title,
  minutes: String(item.plannedMinutes),
  pollId: item.pollId,
});

/** Edit the agenda live (items keep their times by id) and move to the next or previous item. */
export function ConsoleAgenda() {
  const t = useT();
  const id = useId();
  const agenda = useConsultation((state) => state.agenda);
  const polls = useConsultation((state) => state.polls);
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const editing = drafts ?? agenda.items.map(toDraft);
  const valid = editing.every((draft) => {
    const minutes = Number(draft.minutes);
    return (
      draft.title.trim() !== "" && Number.isInteger(minutes) && minutes >= 1 && minutes <= AGENDA_MAX_MINUTES
    );
  });
  const update = (index: number, change: Partial<Draft>) =>
    setDrafts(editing.map((draft, i) => (i === index ? { ...draft, ...change } : draft)));

  const save = async () => {
    const answer = await setAgenda(
      editing.map((draft) => ({
        ...(draft.id ? { id: draft.id } : {}),
        title: draft.title.trim(),
        plannedMinutes: Number(draft.minutes),
        ...(draft.pollId ? { pollId: draft.pollId } : {}),
      })),
    );
    if (answer.ok) setDrafts(null);
  };

  return (
    <section className="console__section" aria-labelledby={`${id}-agenda`} data-testid="console-agenda">
      <h2 id={`${id}-agenda`}>{t("console.agenda")}</h2>
      <AgendaStatus />
      <div className="console__row">
        <button
          type="button"
          className="button"
          data-testid="agenda-previous"
          disabled={agenda.current <= 0}
          onClick={() => void agendaPrevious()}
        >
          {t("console.agendaPrevious")}
        </button>
        <button
          type="button"
          className="button button--primary"
          data-testid="agenda-next"
          disabled={agenda.current + 1 >= agenda.items.length}
          onClick={() => void agendaNext()}
        >
          {t("console.agendaNext")}
        </button>
      </div>
      {editing.length === 0 && <p className="console__empty">{t("console.agendaEmpty")}</p>}
      <ol className="console__agenda">
        {editing.map((draft, index) => (
          <li key={draft.id ?? `new-${index}`} aria-current={index === agenda.current ? "step" : undefined}>
            <input
              aria-label={t("console.agendaTitle", { number: index + 1 })}
              data-testid={`agenda-title-${index}`}
              value={draft.title}
              onChange={(event) => update(index, { title: event.target.value })}
            />
            <input
              className="console__minutes"
              aria-label={t("console.agendaMinutes", { number: index + 1 })}
              data-testid={`agenda-minutes-${index}`}
              inputMode="numeric"
              value={draft.minutes}
              onChange={(event) => update(index, { minutes: event.target.value })}
            />
            <select
              aria-label={t("console.agendaPoll", { number: index + 1 })}
              data-testid={`agenda-poll-${index}`}
              value={draft.pollId}
              onChange={(event) => update(index, { pollId: event.target.value })}
            >
              <option value="">{t("console.agendaNoPoll")}</option>
              {polls.map((poll) => (
                <option key={poll.id} value={poll.id}>
                  {poll.question}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button--small"
              aria-label={t("console.agendaRemove", { number: index + 1 })}
              disabled={index === agenda.current && draft.id !== undefined}
              onClick={() => setDrafts(editing.filter((_, i) => i !== index))}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      <div className="console__row">
        <button
          type="button"
          className="button button--small"
          data-testid="agenda-add"
          disabled={editing.length >= AGENDA_MAX_ITEMS}
          onClick={() => setDrafts([...editing, { title: "", minutes: "10", pollId: "" }])}
        >
          {t("console.agendaAdd")}
        </button>
        <button
          type="button"
          className="button button--small button--primary"
          data-testid="agenda-save"
          disabled={drafts === null || !valid}
          onClick={() => void save()}
        >
          {t("console.agendaSave")}
        </button>
      </div>
    </section>
  );
}

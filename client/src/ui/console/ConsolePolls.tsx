import { useId, useState } from "react";
import {
  POLL_KINDS,
  POLL_REVEALS,
  type PollKind,
  type PollReveal,
} from "../../../../shared/consultation/polls.ts";
import { useT } from "../../app/i18n.tsx";
import { closePoll, createPoll, openPoll } from "../../net/consultation-requests.ts";
import { useConsultation } from "../../net/consultation-store.ts";
import { PollResults } from "../consultation/PollResults.tsx";

/** Create polls (single, multiple with a maximum, scale, ranking; anonymous or named; results live or at close), open and close them. */
export function ConsolePolls() {
  const t = useT();
  const id = useId();
  const polls = useConsultation((state) => state.polls);
  const [question, setQuestion] = useState("");
  const [kind, setKind] = useState<PollKind>("single");
  const [optionsText, setOptionsText] = useState("");
  const [maxChoices, setMaxChoices] = useState(2);
  const [scaleMax, setScaleMax] = useState<5 | 10>(5);
  const [named, setNamed] = useState(false);
  const [reveal, setReveal] = useState<PollReveal>("live");
  const options = optionsText
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

  const create = async (open: boolean) => {
    const answer = await createPoll({
      question: question.trim(),
      kind,
      options: kind === "scale" ? [] : options,
      ...(kind === "multiple" ? { maxChoices: Math.min(maxChoices, options.length) } : {}),
      ...(kind === "scale" ? { scaleMax } : {}),
      anonymous: !named,
      reveal,
      open,
    });
    if (answer.ok) {
      setQuestion("");
      setOptionsText("");
    }
  };
  const ready = question.trim() !== "" && (kind === "scale" || options.length >= 2);

  return (
    <section className="console__section" aria-labelledby={`${id}-polls`} data-testid="console-polls">
      <h2 id={`${id}-polls`}>{t("console.polls")}</h2>
      <div className="field">
        <label htmlFor={`${id}-question`}>{t("console.pollQuestion")}</label>
        <input
          id={`${id}-question`}
          data-testid="poll-question"
          value={question}
          onChange={(event) => setQuestion(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t("console.pollKind")}</label>
        <select
          id={`${id}-kind`}
          data-testid="poll-kind"
          value={kind}
          onChange={(event) => setKind(event.target.value as PollKind)}
        >
          {POLL_KINDS.map((option) => (
            <option key={option} value={option}>
              {t(`poll.kind.${option}`)}
            </option>
          ))}
        </select>
      </div>
      {kind !== "scale" && (
        <div className="field">
          <label htmlFor={`${id}-options`}>{t("console.pollOptions")}</label>
          <textarea
            id={`${id}-options`}
            data-testid="poll-options"
            rows={3}
            value={optionsText}
            onChange={(event) => setOptionsText(event.target.value)}
          />
        </div>
      )}
      {kind === "multiple" && (
        <div className="field">
          <label htmlFor={`${id}-max`}>{t("console.pollMaxChoices")}</label>
          <input
            id={`${id}-max`}
            type="number"
            min={1}
            max={Math.max(1, options.length)}
            value={maxChoices}
            onChange={(event) => setMaxChoices(Math.max(1, Math.floor(Number(event.target.value) || 1)))}
          />
        </div>
      )}
      {kind === "scale" && (
        <div className="field">
          <label htmlFor={`${id}-scale`}>{t("console.pollScale")}</label>
          <select
            id={`${id}-scale`}
            value={scaleMax}
            onChange={(event) => setScaleMax(event.target.value === "10" ? 10 : 5)}
          >
            <option value={5}>5</option>
            <option value={10}>10</option>
          </select>
        </div>
      )}
      <label className="console__check">
        <input type="checkbox" checked={named} onChange={(event) => setNamed(event.target.checked)} />
        {t("console.pollNamed")}
      </label>
      <fieldset className="console__modes">
        <legend>{t("console.pollReveal")}</legend>
        {POLL_REVEALS.map((option) => (
          <label key={option} className="console__mode">
            <input
              type="radio"
              name={`${id}-reveal`}
              checked={reveal === option}
              onChange={() => setReveal(option)}
            />
            {t(`poll.reveal.${option}`)}
          </label>
        ))}
      </fieldset>
      <div className="console__row">
        <button
          type="button"
          className="button"
          data-testid="poll-create-draft"
          disabled={!ready}
          onClick={() => void create(false)}
        >
          {t("console.pollCreate")}
        </button>
        <button
          type="button"
          className="button button--primary"
          data-testid="poll-create-open"
          disabled={!ready}
          onClick={() => void create(true)}
        >
          {t("console.pollCreateOpen")}
        </button>
      </div>
      {polls.length === 0 ? (
        <p className="console__empty">{t("console.pollsEmpty")}</p>
      ) : (
        <ul className="console__polls" data-testid="console-poll-list">
          {polls.map((poll) => (
            <li key={poll.id} className="console__poll" data-poll-status={poll.status}>
              <p>
                <strong>{poll.question}</strong> · {t(`poll.kind.${poll.kind}` as `poll.kind.${PollKind}`)} ·{" "}
                {t(`poll.status.${poll.status}` as "poll.status.open")}
              </p>
              {poll.status === "draft" && (
                <button type="button" className="button button--small" onClick={() => void openPoll(poll.id)}>
                  {t("console.pollOpen")}
                </button>
              )}
              {poll.status === "open" && (
                <button
                  type="button"
                  className="button button--small"
                  data-testid="poll-close"
                  onClick={() => void closePoll(poll.id)}
                >
                  {t("console.pollClose")}
                </button>
              )}
              {poll.status !== "draft" && poll.counts.length > 0 && (
                <PollResults poll={poll} ballots={poll.ballots} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

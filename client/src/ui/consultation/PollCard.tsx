import { useId } from "react";
import { isValidBallot } from "../../../../shared/consultation/polls.ts";
import { useT } from "../../app/i18n.tsx";
import { ballotHint, pollSpecOf, toggleChoice } from "../../consultation/ballot-choices.ts";
import { usePollBallot } from "../../consultation/poll-ballot.ts";
import { moveInRanking } from "../../consultation/ranking-order.ts";
import type { PollView } from "../../net/consultation-store.ts";
import { PollResults } from "./PollResults.tsx";

/**
 * The poll on screen, to answer: one answer, up to k answers, a value on a scale, or the options put in
 * order with up/down buttons. Voting again replaces the ballot; "recorded" shows only once the room said so.
 */
export function PollCard({ poll }: { readonly poll: PollView }) {
  const t = useT();
  const id = useId();
  const { choices, stage, mine, change, submit } = usePollBallot(poll);
  const open = poll.status === "open";
  const valid = isValidBallot(pollSpecOf(poll), choices);

  const { key: hintKey, params: hintParams } = ballotHint(poll);
  const hint = t(hintKey, hintParams);

  return (
    <section className="poll-card" aria-labelledby={`${id}-question`} data-testid="poll-card">
      <p className="poll-card__kicker">
        {t("poll.heading")} · {t(poll.anonymous ? "poll.anonymous" : "poll.named")}
      </p>
      <h2 id={`${id}-question`} className="poll-card__question">
        {poll.question}
      </h2>
      {open ? (
        <form
          className="poll-card__form"
          onSubmit={(event) => {
            event.preventDefault();
            if (valid && stage !== "sending") void submit();
          }}
        >
          <p className="poll-card__hint" id={`${id}-hint`}>
            {hint}
          </p>
          {poll.kind === "ranking" ? (
            <ol className="poll-card__ranking" aria-describedby={`${id}-hint`}>
              {choices.map((option, position) => {
                const label = poll.options[option] ?? "";
                return (
                  <li key={option} className="poll-card__rank" data-testid="poll-rank-item">
                    <span className="poll-card__rank-label">{label}</span>
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={t("poll.moveUp", { option: label })}
                      data-testid={`poll-rank-up-${position}`}
                      disabled={position === 0}
                      onClick={() => change(moveInRanking(choices, position, -1))}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={t("poll.moveDown", { option: label })}
                      data-testid={`poll-rank-down-${position}`}
                      disabled={position === choices.length - 1}
                      onClick={() => change(moveInRanking(choices, position, 1))}
                    >
                      ↓
                    </button>
                  </li>
                );
              })}
            </ol>
          ) : (
            <fieldset
              className={`poll-card__options${poll.kind === "scale" ? " poll-card__options--scale" : ""}`}
              aria-describedby={`${id}-hint`}
            >
              <legend className="visually-hidden">{poll.question}</legend>
              {(poll.kind === "scale"
                ? Array.from({ length: poll.scaleMax }, (_, index) => String(index + 1))
                : poll.options
              ).map((label, index) => {
                const value = poll.kind === "scale" ? index + 1 : index;
                const checked = choices.includes(value);
                const multiple = poll.kind === "multiple";
                return (
                  <label key={label} className="poll-card__option">
                    <input
                      type={multiple ? "checkbox" : "radio"}
                      name={`${id}-choice`}
                      data-testid={`poll-option-${index}`}
                      checked={checked}
                      disabled={multiple && !checked && choices.length >= poll.maxChoices}
                      onChange={() =>
                        change(multiple ? toggleChoice(choices, value, poll.maxChoices) : [value])
                      }
                    />
                    <span>{label}</span>
                  </label>
                );
              })}
            </fieldset>
          )}
          <button
            type="submit"
            className="button button--primary"
            data-testid="poll-vote"
            disabled={!valid || stage === "sending"}
          >
            {stage === "sending" ? t("poll.sending") : mine ? t("poll.voteAgain") : t("poll.vote")}
          </button>
          <p role="status" className="poll-card__recorded" data-testid="poll-recorded">
            {stage === "recorded" ? t("poll.recorded") : ""}
          </p>
        </form>
      ) : (
        <p className="poll-card__hint">{t("poll.closed")}</p>
      )}
      {poll.counts.length > 0 ? (
        <PollResults poll={poll} ballots={poll.ballots} />
      ) : (
        open && <p className="poll-card__hint">{t("poll.hiddenUntilClose")}</p>
      )}
    </section>
  );
}

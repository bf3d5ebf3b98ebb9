import { useT } from "../../app/i18n.tsx";
import {
  barLengths,
  type PollResultsSource,
  percentOf,
  resultBars,
} from "../../consultation/poll-results.ts";
import { useFacilitation } from "../../net/facilitation-store.ts";

/** A poll's results as bars in the page: votes per option, per scale value, or ranking points. */
export function PollResults({
  poll,
  ballots,
}: {
  readonly poll: PollResultsSource;
  readonly ballots: number;
}) {
  const t = useT();
  const bars = resultBars(poll);
  const lengths = barLengths(
    bars.map((bar) => bar.value),
    100,
  );
  const ranking = poll.kind === "ranking";
  // Anyone with the join code may have come in twice: every count says so.
  const openAttendance = useFacilitation((state) => state.access === "open");
  return (
    <div className="poll-results" data-testid="poll-results">
      <p className="poll-results__total">{t("poll.ballots", { count: ballots })}</p>
      {openAttendance && (
        <p className="poll-results__open" data-testid="poll-open-attendance">
          {t("access.openAttendance")}
        </p>
      )}
      <ul className="poll-results__bars">
        {bars.map((bar, index) => (
          <li key={bar.label} className="poll-results__bar" data-testid="poll-result">
            <span className="poll-results__label">{bar.label}</span>
            <span className="poll-results__track" aria-hidden="true">
              <span className="poll-results__fill" style={{ width: `${lengths[index] ?? 0}%` }} />
            </span>
            <span className="poll-results__value">
              {ranking
                ? t("poll.points", { count: bar.value })
                : t("poll.share", { count: bar.value, percent: percentOf(bar.value, ballots) })}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

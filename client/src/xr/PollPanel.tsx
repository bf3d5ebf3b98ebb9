import { Container, Text } from "@react-three/uikit";
import { isValidBallot } from "../../../shared/consultation/polls.ts";
import { useT } from "../app/i18n.tsx";
import { ballotChoices, ballotHint, pollSpecOf, toggleChoice } from "../consultation/ballot-choices.ts";
import { usePollBallot } from "../consultation/poll-ballot.ts";
import { moveInRanking } from "../consultation/ranking-order.ts";
import type { PollView } from "../net/consultation-store.ts";
import { MenuButton } from "./MenuButton.tsx";

/** Scale values per row (a 1 to 10 scale takes two rows). */
const SCALE_ROW = 5;

function rows<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}

export interface PollPanelProps {
  /** The poll on the big screen; give the panel `key={poll.id}`. */
  readonly poll: PollView;
}

/**
 * The poll on the big screen as a page of the hand menu: a single answer or a scale value is sent as soon
 * as it is pressed; multiple choice ticks up to k answers, and a ranking moves options up and down, before
 * "Vote". The same `castBallot` request as the overlay's poll card; pressing again replaces the ballot.
 * Only buttons and a few lines of text, so the headset's frame budget barely notices it.
 */
export function PollPanel({ poll }: PollPanelProps) {
  const t = useT();
  const { choices, stage, mine, change, submit } = usePollBallot(poll);
  const open = poll.status === "open";
  const sending = stage === "sending";
  const valid = isValidBallot(pollSpecOf(poll), choices);
  const hint = ballotHint(poll);
  const picks = ballotChoices(poll);
  const choose = (value: number) => {
    if (sending) return;
    if (poll.kind === "multiple") change(toggleChoice(choices, value, poll.maxChoices));
    else void submit([value]);
  };
  const needsSubmit = poll.kind === "multiple" || poll.kind === "ranking";

  return (
    <>
      <Text fontSize={16} color="#f2c14e">
        {t("poll.heading")}
      </Text>
      <Text fontSize={20} color="#e8e6e1">
        {poll.question}
      </Text>
      {!open ? (
        <Text fontSize={16} color="#b9b6ae">
          {t("poll.closed")}
        </Text>
      ) : (
        <>
          <Text fontSize={16} color="#b9b6ae">
            {t(hint.key, hint.params)}
          </Text>
          {poll.kind === "ranking"
            ? choices.map((option, position) => (
                <Container key={option} flexDirection="row" gap={10} alignItems="center">
                  <Text fontSize={18} color="#e8e6e1" flexGrow={2} flexBasis={0}>
                    {`${position + 1}. ${poll.options[option] ?? ""}`}
                  </Text>
                  <MenuButton
                    name={`poll-rank-up-${position}`}
                    onPress={() => change(moveInRanking(choices, position, -1))}
                    disabled={position === 0 || sending}
                    fontSize={16}
                  >
                    {t("vr.pollUp")}
                  </MenuButton>
                  <MenuButton
                    name={`poll-rank-down-${position}`}
                    onPress={() => change(moveInRanking(choices, position, 1))}
                    disabled={position === choices.length - 1 || sending}
                    fontSize={16}
                  >
                    {t("vr.pollDown")}
                  </MenuButton>
                </Container>
              ))
            : rows(picks, poll.kind === "scale" ? SCALE_ROW : picks.length > 4 ? 2 : 1).map((row) => (
                <Container key={row[0]?.value} flexDirection="row" gap={10}>
                  {row.map(({ label, value }) => {
                    const ticked = choices.includes(value);
                    const full = poll.kind === "multiple" && !ticked && choices.length >= poll.maxChoices;
                    return (
                      <MenuButton
                        key={value}
                        name={poll.kind === "scale" ? `poll-scale-${value}` : `poll-option-${value}`}
                        onPress={() => choose(value)}
                        accent={ticked}
                        disabled={full || sending}
                        fontSize={18}
                      >
                        {label}
                      </MenuButton>
                    );
                  })}
                </Container>
              ))}
          {needsSubmit && (
            <MenuButton name="poll-submit" onPress={() => void submit()} disabled={!valid || sending} accent>
              {sending ? t("poll.sending") : mine ? t("poll.voteAgain") : t("poll.vote")}
            </MenuButton>
          )}
          {stage !== "idle" && (
            <Text fontSize={18} color={stage === "refused" ? "#ff8a8a" : "#9be3b5"}>
              {stage === "sending"
                ? t("poll.sending")
                : stage === "recorded"
                  ? t("poll.recorded")
                  : t("vr.pollRefused")}
            </Text>
          )}
        </>
      )}
      {poll.counts.length > 0 && (
        <Text fontSize={16} color="#b9b6ae">
          {t("poll.ballots", { count: poll.ballots })}
        </Text>
      )}
    </>
  );
}

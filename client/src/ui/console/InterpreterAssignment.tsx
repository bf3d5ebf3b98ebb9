import { useId, useState } from "react";
import { INTERPRETER_PAIRS } from "../../../../shared/voice/interpreter-channels.ts";
import { useT } from "../../app/i18n.tsx";
import { assignInterpreter } from "../../net/facilitator-actions.ts";

/** A facilitator makes someone an interpreter for a pair of languages. */
export function InterpreterAssignment({ participantId, name }: { participantId: string; name: string }) {
  const t = useT();
  const id = useId();
  const [pairIndex, setPairIndex] = useState(0);
  const pair = INTERPRETER_PAIRS[pairIndex] ?? INTERPRETER_PAIRS[0];
  return (
    <form
      className="console__move"
      onSubmit={(event) => {
        event.preventDefault();
        if (pair) assignInterpreter(participantId, pair);
      }}
    >
      <label htmlFor={`${id}-pair`} className="visually-hidden">
        {t("console.interpreterPairOf", { name })}
      </label>
      <select
        id={`${id}-pair`}
        data-testid="person-interpreter-pair"
        value={pairIndex}
        onChange={(event) => setPairIndex(Number(event.target.value))}
      >
        {INTERPRETER_PAIRS.map(([a, b], index) => (
          <option key={`${a}-${b}`} value={index}>
            {t("console.interpreterPair", { a: t(`language.${a}`), b: t(`language.${b}`) })}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="button button--small"
        data-testid="person-make-interpreter"
        aria-label={t("console.makeInterpreterFor", { name })}
      >
        {t("console.makeInterpreter")}
      </button>
    </form>
  );
}

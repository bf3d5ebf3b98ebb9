import { useId, useState } from "react";
import {
  MAX_TABLES,
  TABLE_MODES,
  type TableMode,
} from "../../../../shared/consultation/discussion-tables.ts";
import { useT } from "../../app/i18n.tsx";
import { endTables, splitTables } from "../../net/consultation-requests.ts";
import { useConsultation } from "../../net/consultation-store.ts";
import { TableStatus } from "../consultation/TableStatus.tsx";

/** Split the hall into discussion tables (assigned or chosen, with an optional round timer) and call everyone back. */
export function ConsoleTables() {
  const t = useT();
  const id = useId();
  const tables = useConsultation((state) => state.tables);
  const seated = useConsultation((state) => Object.keys(state.seating).length);
  const [count, setCount] = useState("4");
  const [mode, setMode] = useState<TableMode>("assign");
  const [minutes, setMinutes] = useState("");
  const countValue = Number(count);
  const minutesValue = minutes.trim() === "" ? undefined : Number(minutes);
  const valid =
    Number.isInteger(countValue) &&
    countValue >= 2 &&
    countValue <= MAX_TABLES &&
    (minutesValue === undefined || (Number.isInteger(minutesValue) && minutesValue >= 1));

  return (
    <section className="console__section" aria-labelledby={`${id}-tables`} data-testid="console-tables">
      <h2 id={`${id}-tables`}>{t("console.tables")}</h2>
      {tables.count > 0 ? (
        <>
          <p>{t("console.tablesRunning", { count: tables.count, seated })}</p>
          <TableStatus canChoose={false} />
          <button type="button" className="button button--primary" onClick={() => void endTables()}>
            {t("console.tablesEnd")}
          </button>
        </>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-count`}>{t("console.tablesCount")}</label>
            <input
              id={`${id}-count`}
              type="number"
              min={2}
              max={MAX_TABLES}
              value={count}
              onChange={(event) => setCount(event.target.value)}
            />
          </div>
          <fieldset className="console__modes">
            <legend>{t("console.tablesMode")}</legend>
            {TABLE_MODES.map((option) => (
              <label key={option} className="console__mode">
                <input
                  type="radio"
                  name={`${id}-mode`}
                  checked={mode === option}
                  onChange={() => setMode(option)}
                />
                {t(`tables.mode.${option}`)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-minutes`}>{t("console.tablesMinutes")}</label>
            <input
              id={`${id}-minutes`}
              inputMode="numeric"
              value={minutes}
              onChange={(event) => setMinutes(event.target.value)}
            />
          </div>
          <button
            type="button"
            className="button button--primary"
            disabled={!valid}
            onClick={() => void splitTables(countValue, mode, minutesValue)}
          >
            {t("console.tablesSplit")}
          </button>
        </>
      )}
    </section>
  );
}

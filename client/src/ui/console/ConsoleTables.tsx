import { useId, useState } from "react";
import {
  MAX_TABLES,
  TABLE_MODES,
  type TableMode,
} from "../../../../shared/consultation/discussion-tables.ts";
import { useT } from "../../app/i18n.tsx";
import { endTables, seatAtTable, splitTables } from "../../net/consultation-requests.ts";
import { useConsultation } from "../../net/consultation-store.ts";
import { useHallStore } from "../../net/hall-store.ts";
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
          <TableSeating count={tables.count} />
          <button
            type="button"
            className="button button--primary"
            data-testid="tables-end"
            onClick={() => void endTables()}
          >
            {t("console.tablesEnd")}
          </button>
        </>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-count`}>{t("console.tablesCount")}</label>
            <input
              id={`${id}-count`}
              data-testid="tables-count"
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
                  data-testid={`tables-mode-${option}`}
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
              data-testid="tables-minutes"
              inputMode="numeric"
              value={minutes}
              onChange={(event) => setMinutes(event.target.value)}
            />
          </div>
          <button
            type="button"
            className="button button--primary"
            data-testid="tables-split"
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

/** During a round: everyone present with their table, and a choice to seat each of them (oneself included). */
function TableSeating({ count }: { readonly count: number }) {
  const t = useT();
  const id = useId();
  const participants = useHallStore((state) => state.participants);
  const seating = useConsultation((state) => state.seating);
  return (
    <section aria-labelledby={`${id}-seating`}>
      <h3 id={`${id}-seating`}>{t("console.tablesSeating")}</h3>
      <ul className="console__seating" data-testid="tables-seating">
        {participants.map((participant) => {
          const table = seating[participant.id] ?? -1;
          return (
            <li key={participant.id}>
              <span>{participant.name}</span>
              <select
                aria-label={t("console.tablesSeatFor", { name: participant.name })}
                data-testid={`table-seat-${participant.id}`}
                value={table}
                onChange={(event) => void seatAtTable(participant.id, Number(event.target.value))}
              >
                <option value={-1} disabled>
                  {t("console.tablesInPlenary")}
                </option>
                {Array.from({ length: count }, (_, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: tables are numbered, the index is the table.
                  <option key={index} value={index}>
                    {t("tables.table", { number: index + 1 })}
                  </option>
                ))}
              </select>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

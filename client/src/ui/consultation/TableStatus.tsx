import { useT } from "../../app/i18n.tsx";
import { formatCountdown } from "../../facilitation/floor-clock.ts";
import { chooseTable } from "../../net/consultation-requests.ts";
import { useConsultation } from "../../net/consultation-store.ts";
import { useHallStore } from "../../net/hall-store.ts";
import { useNow } from "../use-now.ts";

/** During a table round: one's table, the round's timer, and the tables to pick from in choose mode. */
export function TableStatus({ canChoose }: { readonly canChoose: boolean }) {
  const t = useT();
  const tables = useConsultation((state) => state.tables);
  const selfId = useHallStore((state) => state.selfId);
  const mine = useConsultation((state) => state.seating[selfId] ?? -1);
  const now = useNow(tables.endsAt > 0, 1000);
  if (tables.count === 0) return null;
  const left = tables.endsAt - now;
  return (
    <section className="table-status" data-testid="table-status">
      <h2>{t("tables.heading")}</h2>
      <p className="table-status__mine" data-testid="table-mine">
        {mine >= 0 ? t("tables.yours", { number: mine + 1 }) : t("tables.plenary")}
      </p>
      {tables.endsAt > 0 && (
        <p className="table-status__time" data-testid="table-time">
          {left > 0 ? t("tables.remaining", { time: formatCountdown(left) }) : t("tables.timeUp")}
        </p>
      )}
      {tables.mode === "choose" && canChoose && (
        <fieldset className="table-status__choices">
          <legend>{t("tables.choose")}</legend>
          {Array.from({ length: tables.count }, (_, table) => (
            <button
              // biome-ignore lint/suspicious/noArrayIndexKey: tables are numbered, the index is the table.
              key={table}
              type="button"
              className="button button--small"
              aria-pressed={mine === table}
              data-testid={`table-choose-${table}`}
              onClick={() => void chooseTable(table)}
            >
              {t("tables.table", { number: table + 1 })}
            </button>
          ))}
        </fieldset>
      )}
    </section>
  );
}

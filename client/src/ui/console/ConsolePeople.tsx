import { useId, useState } from "react";
import { checkTargetedAction, type Person } from "../../../../shared/consultation/moderation.ts";
import { standingOf } from "../../../../shared/consultation/permissions.ts";
import type { FacilitationGrant, PersonEntry } from "../../../../shared/protocol/room-messages.ts";
import { describeError, isMessageKey, useLanguage, useT } from "../../app/i18n.tsx";
import { useFacilitation } from "../../net/facilitation-store.ts";
import { banParticipant, demoteFacilitator, removeParticipant } from "../../net/facilitator-actions.ts";
import { ReasonDialog } from "../ReasonDialog.tsx";
import { usePeople } from "./use-people.ts";

interface Pending {
  readonly kind: "remove" | "ban";
  readonly person: PersonEntry;
}

/**
 * The console's view of everyone who came: who holds facilitator rights, present or not, and how each
 * got them (the lead may take the rights of, or remove, any other facilitator or co-facilitator), and
 * everyone who left the hall, whom a facilitator may still remove or ban.
 */
export function ConsolePeople({ actor }: { readonly actor: Person }) {
  const t = useT();
  const id = useId();
  const leadId = useFacilitation((state) => state.leadId);
  const { people, refresh } = usePeople();
  const [pending, setPending] = useState<Pending | null>(null);
  const holders = people.stage === "ready" ? people.people.filter((person) => person.grant) : [];
  const gone = people.stage === "ready" ? people.people.filter((person) => !person.present) : [];

  const how = (grant: FacilitationGrant) =>
    grant.kind === "lead"
      ? t("console.rightsLead")
      : grant.kind === "facilitator_link"
        ? t("console.rightsLink")
        : grant.byName
          ? t("console.rightsPromotedBy", { name: grant.byName })
          : t("console.rightsPromoted");

  return (
    <>
      <section className="console__section" aria-labelledby={`${id}-rights`}>
        <h2 id={`${id}-rights`}>{t("console.rights")}</h2>
        {people.stage === "failed" && (
          <p className="form__error" role="alert">
            {describeError(t, people.code, people.message)}
          </p>
        )}
        {people.stage === "ready" && (
          <ul className="console__people" data-testid="console-rights">
            {holders.map((person) => {
              const target: Person = { id: person.id, role: standingOf(person, leadId) };
              const mayDemote = checkTargetedAction(actor, "demote_facilitator", target).ok;
              const mayRemove = checkTargetedAction(actor, "remove", target).ok;
              return (
                <li
                  key={person.id}
                  className="console__person"
                  data-testid="console-right"
                  data-participant-id={person.id}
                >
                  <div className="console__person-head">
                    <span
                      className="participant__dot"
                      style={{ background: person.color }}
                      aria-hidden="true"
                    />
                    <span className="console__person-name">
                      {person.name}
                      {person.id === actor.id && <span className="participant__you"> ({t("hall.you")})</span>}
                    </span>
                    <span className="console__person-meta" data-testid="console-right-how">
                      {person.grant && how(person.grant)}
                      {" · "}
                      {person.present ? t("console.peoplePresent") : t("console.peopleAway")}
                    </span>
                  </div>
                  {(mayDemote || mayRemove) && (
                    <fieldset className="console__actions">
                      <legend className="visually-hidden">
                        {t("console.actionsFor", { name: person.name })}
                      </legend>
                      {mayDemote && (
                        <button
                          type="button"
                          className="button button--small"
                          data-testid="right-demote"
                          aria-label={t("console.rightsDemoteName", { name: person.name })}
                          onClick={() => {
                            demoteFacilitator(person.id);
                            refresh();
                          }}
                        >
                          {t("console.rightsDemote")}
                        </button>
                      )}
                      {mayRemove && (
                        <button
                          type="button"
                          className="button button--small button--danger"
                          data-testid="right-remove"
                          aria-label={t("console.removeName", { name: person.name })}
                          onClick={() => setPending({ kind: "remove", person })}
                        >
                          {t("console.remove")}
                        </button>
                      )}
                    </fieldset>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <ConsoleWhoCame
        actor={actor}
        leadId={leadId}
        gone={gone}
        ready={people.stage === "ready"}
        onConfirm={setPending}
      />
      {pending && (
        <ReasonDialog
          testId={`confirm-${pending.kind}-absent`}
          heading={t(pending.kind === "remove" ? "console.removeHeading" : "console.banHeading", {
            name: pending.person.name,
          })}
          explanation={t(
            pending.person.present
              ? pending.kind === "remove"
                ? "console.removeExplain"
                : "console.banExplain"
              : pending.kind === "remove"
                ? "console.removeAbsentExplain"
                : "console.banAbsentExplain",
            { name: pending.person.name },
          )}
          label={t("console.reason", { name: pending.person.name })}
          confirmLabel={t(pending.kind === "remove" ? "console.remove" : "console.ban")}
          danger
          onCancel={() => setPending(null)}
          onConfirm={(reason) => {
            if (pending.kind === "remove") removeParticipant(pending.person.id, reason);
            else banParticipant(pending.person.id, reason);
            setPending(null);
            refresh();
          }}
        />
      )}
    </>
  );
}

const STATUS_KEYS = {
  removed: "console.statusRemoved",
  banned: "console.statusBanned",
  link_replaced: "console.statusLinkReplaced",
  erased: "console.statusErased",
} as const;

interface WhoCameProps {
  readonly actor: Person;
  readonly leadId: string;
  readonly gone: readonly PersonEntry[];
  readonly ready: boolean;
  readonly onConfirm: (pending: Pending) => void;
}

/** Everyone who came and is not in the hall now, with what may still be done to each. */
function ConsoleWhoCame({ actor, leadId, gone, ready, onConfirm }: WhoCameProps) {
  const t = useT();
  const id = useId();
  const { language } = useLanguage();
  return (
    <section className="console__section" aria-labelledby={`${id}-gone`}>
      <h2 id={`${id}-gone`}>{t("console.whoCame", { count: gone.length })}</h2>
      <p className="field__hint">{t("console.whoCameExplain")}</p>
      {ready && gone.length === 0 && <p className="console__empty">{t("console.whoCameEmpty")}</p>}
      {gone.length > 0 && (
        <ul className="console__people" data-testid="console-who-came">
          {gone.map((person) => {
            const target: Person = { id: person.id, role: standingOf(person, leadId) };
            const active = person.status === "active";
            const mayRemove = active && checkTargetedAction(actor, "remove", target).ok;
            const mayBan =
              (active || person.status === "removed") && checkTargetedAction(actor, "ban", target).ok;
            const statusKey = STATUS_KEYS[person.status as keyof typeof STATUS_KEYS];
            const status = statusKey
              ? t(statusKey)
              : person.enteredAt === undefined
                ? t("console.statusNeverEntered")
                : t("console.statusLeft");
            const roleKey = `role.${target.role}`;
            return (
              <li
                key={person.id}
                className="console__person"
                data-testid="console-came"
                data-participant-id={person.id}
                data-status={person.status}
              >
                <div className="console__person-head">
                  <span
                    className="participant__dot"
                    style={{ background: person.color }}
                    aria-hidden="true"
                  />
                  <span className="console__person-name">{person.name || t("console.erasedName")}</span>
                  <span className="console__person-meta">
                    {isMessageKey(roleKey) ? t(roleKey) : person.role} · {status}
                    {person.enteredAt !== undefined &&
                      ` · ${t("console.enteredAt", {
                        time: new Date(person.enteredAt).toLocaleTimeString(language, {
                          hour: "2-digit",
                          minute: "2-digit",
                        }),
                      })}`}
                  </span>
                </div>
                {(mayRemove || mayBan) && (
                  <fieldset className="console__actions">
                    <legend className="visually-hidden">
                      {t("console.actionsFor", { name: person.name })}
                    </legend>
                    {mayRemove && (
                      <button
                        type="button"
                        className="button button--small button--danger"
                        data-testid="came-remove"
                        aria-label={t("console.removeName", { name: person.name })}
                        onClick={() => onConfirm({ kind: "remove", person })}
                      >
                        {t("console.remove")}
                      </button>
                    )}
                    {mayBan && (
                      <button
                        type="button"
                        className="button button--small button--danger"
                        data-testid="came-ban"
                        aria-label={t("console.banName", { name: person.name })}
                        onClick={() => onConfirm({ kind: "ban", person })}
                      >
                        {t("console.ban")}
                      </button>
                    )}
                  </fieldset>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

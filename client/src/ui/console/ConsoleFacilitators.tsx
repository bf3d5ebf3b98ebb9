import { useId, useState } from "react";
import { checkTargetedAction, type Person } from "../../../../shared/consultation/moderation.ts";
import type { FacilitationGrant, PersonEntry } from "../../../../shared/protocol/room-messages.ts";
import { describeError, useT } from "../../app/i18n.tsx";
import { useFacilitation } from "../../net/facilitation-store.ts";
import { demoteFacilitator, removeParticipant } from "../../net/facilitator-actions.ts";
import { ReasonDialog } from "../ReasonDialog.tsx";
import { usePeople } from "./use-people.ts";

/** The standing the rules give someone in the list: `lead`, or their role. */
function standingOfEntry(person: PersonEntry, leadId: string): string {
  return person.role === "facilitator" && person.id === leadId ? "lead" : person.role;
}

/**
 * Who holds facilitator rights, present or not, and how each got them; the lead may take the rights
 * of, or remove, any other facilitator or co-facilitator from here.
 */
export function ConsoleFacilitators({ actor }: { readonly actor: Person }) {
  const t = useT();
  const id = useId();
  const leadId = useFacilitation((state) => state.leadId);
  const { people, refresh } = usePeople();
  const [removing, setRemoving] = useState<PersonEntry | null>(null);
  const holders = people.stage === "ready" ? people.people.filter((person) => person.grant) : [];

  const how = (grant: FacilitationGrant) =>
    grant.kind === "lead"
      ? t("console.rightsLead")
      : grant.kind === "facilitator_link"
        ? t("console.rightsLink")
        : grant.byName
          ? t("console.rightsPromotedBy", { name: grant.byName })
          : t("console.rightsPromoted");

  return (
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
            const target: Person = { id: person.id, role: standingOfEntry(person, leadId) };
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
                        onClick={() => setRemoving(person)}
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
      {removing && (
        <ReasonDialog
          testId="confirm-remove-facilitator"
          heading={t("console.removeHeading", { name: removing.name })}
          explanation={t("console.removeExplain", { name: removing.name })}
          label={t("console.reason", { name: removing.name })}
          confirmLabel={t("console.remove")}
          danger
          onCancel={() => setRemoving(null)}
          onConfirm={(reason) => {
            removeParticipant(removing.id, reason);
            setRemoving(null);
            refresh();
          }}
        />
      )}
    </section>
  );
}

import { useId, useState } from "react";
import { useT } from "../../app/i18n.tsx";
import { rankIdeas } from "../../consultation/ideas-wall-layout.ts";
import { hideIdea, mergeIdeas, pinIdea } from "../../net/consultation-requests.ts";
import { useConsultation } from "../../net/consultation-store.ts";
import { ReasonDialog } from "../ReasonDialog.tsx";

/** Curate the ideas wall: pin, merge the selected ideas into a labelled cluster, hide with a reason. */
export function ConsoleIdeas() {
  const t = useT();
  const id = useId();
  const ideas = useConsultation((state) => state.ideas);
  const clusters = useConsultation((state) => state.clusters);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [label, setLabel] = useState("");
  const [hiding, setHiding] = useState<string | null>(null);
  const labels = new Map(clusters.map((cluster) => [cluster.id, cluster.label]));
  const chosen = ideas.filter((idea) => selected.has(idea.id)).map((idea) => idea.id);

  const merge = async () => {
    const answer = await mergeIdeas(chosen, label.trim());
    if (answer.ok) {
      setSelected(new Set());
      setLabel("");
    }
  };

  return (
    <section className="console__section" aria-labelledby={`${id}-ideas`} data-testid="console-ideas">
      <h2 id={`${id}-ideas`}>{t("console.ideas", { count: ideas.length })}</h2>
      {ideas.length === 0 ? (
        <p className="console__empty">{t("ideas.empty")}</p>
      ) : (
        <ul className="console__ideas">
          {rankIdeas(ideas).map((idea) => (
            <li key={idea.id} className="console__idea">
              <label className="console__check">
                <input
                  type="checkbox"
                  aria-label={t("console.selectIdea", { text: idea.text })}
                  checked={selected.has(idea.id)}
                  onChange={(event) => {
                    const next = new Set(selected);
                    if (event.target.checked) next.add(idea.id);
                    else next.delete(idea.id);
                    setSelected(next);
                  }}
                />
                <span>
                  {idea.text} · {t("ideas.votes", { count: idea.votes })}
                  {idea.clusterId &&
                    ` · ${t("console.cluster", { label: labels.get(idea.clusterId) ?? "" })}`}
                </span>
              </label>
              <div className="console__row">
                <button
                  type="button"
                  className="button button--small"
                  aria-pressed={idea.pinned}
                  onClick={() => void pinIdea(idea.id, !idea.pinned)}
                >
                  {idea.pinned ? t("console.unpin") : t("console.pin")}
                </button>
                <button type="button" className="button button--small" onClick={() => setHiding(idea.id)}>
                  {t("console.hideIdea")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {ideas.length > 1 && (
        <div className="console__row">
          <input
            aria-label={t("console.clusterLabel")}
            placeholder={t("console.clusterLabel")}
            value={label}
            onChange={(event) => setLabel(event.target.value)}
          />
          <button
            type="button"
            className="button button--small"
            disabled={chosen.length < 2 || label.trim() === ""}
            onClick={() => void merge()}
          >
            {t("console.merge")}
          </button>
        </div>
      )}
      {hiding && (
        <ReasonDialog
          heading={t("console.hideHeading")}
          explanation={ideas.find((idea) => idea.id === hiding)?.text ?? ""}
          label={t("console.hideReason")}
          confirmLabel={t("console.hideIdea")}
          danger
          testId="hide-idea-dialog"
          onConfirm={(reason) => {
            void hideIdea(hiding, reason);
            setHiding(null);
          }}
          onCancel={() => setHiding(null)}
        />
      )}
    </section>
  );
}

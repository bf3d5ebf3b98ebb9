import { useId, useState } from "react";
import { IDEA_TEXT_MAX } from "../../../../shared/consultation/ideas-wall.ts";
import { useT } from "../../app/i18n.tsx";
import { rankIdeas } from "../../consultation/ideas-wall-layout.ts";
import { postIdea, toggleUpvote } from "../../net/consultation-requests.ts";
import { useConsultation } from "../../net/consultation-store.ts";

/** Post a short idea and upvote others' (one upvote per idea, a toggle); the wall in the hall shows them too. */
export function IdeasPanel({ canPost }: { readonly canPost: boolean }) {
  const t = useT();
  const id = useId();
  const ideas = useConsultation((state) => state.ideas);
  const myUpvotes = useConsultation((state) => state.myUpvotes);
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const [posted, setPosted] = useState(false);
  const length = [...text].length;
  const valid = text.trim().length > 0 && length <= IDEA_TEXT_MAX;

  const submit = async () => {
    setSending(true);
    const answer = await postIdea(text);
    setSending(false);
    if (answer.ok) setText("");
    setPosted(answer.ok);
  };

  return (
    <section className="ideas-panel" aria-labelledby={`${id}-heading`} data-testid="ideas-panel">
      <h2 id={`${id}-heading`}>{t("ideas.heading", { count: ideas.length })}</h2>
      {canPost && (
        <form
          className="ideas-panel__form"
          onSubmit={(event) => {
            event.preventDefault();
            if (valid && !sending) void submit();
          }}
        >
          <label htmlFor={`${id}-text`}>{t("ideas.label")}</label>
          <textarea
            id={`${id}-text`}
            data-testid="idea-text"
            rows={2}
            value={text}
            aria-describedby={`${id}-hint`}
            aria-invalid={length > IDEA_TEXT_MAX || undefined}
            onChange={(event) => {
              setText(event.target.value);
              setPosted(false);
            }}
          />
          <p id={`${id}-hint`} className={length > IDEA_TEXT_MAX ? "field__problem" : "field__hint"}>
            {t("ideas.hint", { count: length, max: IDEA_TEXT_MAX })}
          </p>
          <button
            type="submit"
            className="button button--primary"
            data-testid="idea-post"
            disabled={!valid || sending}
          >
            {t("ideas.post")}
          </button>
          <p role="status" className="ideas-panel__posted" data-testid="idea-posted">
            {posted ? t("ideas.posted") : ""}
          </p>
        </form>
      )}
      {ideas.length === 0 ? (
        <p className="console__empty">{t("ideas.empty")}</p>
      ) : (
        <ul className="ideas-panel__list" data-testid="ideas-list">
          {rankIdeas(ideas).map((idea) => {
            const upvoted = myUpvotes[idea.id] === true;
            return (
              <li key={idea.id} className="ideas-panel__idea" data-testid="idea">
                <p className="ideas-panel__text">
                  {idea.pinned && <span className="badge">{t("ideas.pinned")}</span>} {idea.text}
                </p>
                <span className="ideas-panel__votes">{t("ideas.votes", { count: idea.votes })}</span>
                {canPost && (
                  <button
                    type="button"
                    className="button button--small"
                    data-testid="idea-upvote"
                    aria-pressed={upvoted}
                    aria-label={t("ideas.upvoteLabel", { text: idea.text })}
                    onClick={() => void toggleUpvote(idea.id)}
                  >
                    {upvoted ? t("ideas.upvoted") : t("ideas.upvote")}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

import type { CreateConsultationResponse } from "../../../shared/protocol/http-api.ts";
import { useT } from "../app/i18n.tsx";
import { facilitatorPath, joinPath, navigate } from "../app/routes.ts";
import { CopyField } from "./CopyField.tsx";

/** What a new consultation's creator needs: the secret facilitator link, the join code and the join link. */
export function CreatedConsultation({ created }: { readonly created: CreateConsultationResponse }) {
  const t = useT();
  const origin = window.location.origin;
  return (
    <div className="created">
      <div className="created__code">
        <span className="created__code-label">{t("created.joinCode")}</span>
        <p className="join-code" data-testid="join-code">
          {created.joinCode}
        </p>
      </div>
      <CopyField label={t("created.joinLink")} value={`${origin}${joinPath(created.joinCode)}`} />
      <CopyField
        label={t("created.facilitatorLink")}
        value={`${origin}${facilitatorPath(created.facilitatorKey)}`}
        testId="facilitator-link"
        hint={t("created.facilitatorHint")}
      />
      <button
        type="button"
        className="button button--primary"
        data-testid="enter-as-facilitator"
        onClick={() => navigate(facilitatorPath(created.facilitatorKey))}
      >
        {t("created.enter")}
      </button>
    </div>
  );
}

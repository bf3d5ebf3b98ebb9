import { useState } from "react";
import type { CreateConsultationResponse } from "../../../shared/protocol/http-api.ts";
import { useT } from "../app/i18n.tsx";
import { CreateConsultationForm } from "./CreateConsultationForm.tsx";
import { CreatedConsultation } from "./CreatedConsultation.tsx";
import { InvitationCodeForm } from "./InvitationCodeForm.tsx";
import { JoinWithCodeForm } from "./JoinWithCodeForm.tsx";
import { PageHeader } from "./PageHeader.tsx";

/** The front page: start a consultation, or go to one with a code. */
export function HomePage() {
  const t = useT();
  const [created, setCreated] = useState<CreateConsultationResponse | null>(null);
  return (
    <div className="page">
      <PageHeader />
      <main className="page__main">
        <p className="page__tagline">{t("app.tagline")}</p>
        <div className="cards">
          <section className="card" aria-labelledby="create-heading">
            <h2 id="create-heading">{created ? t("created.heading") : t("home.create.heading")}</h2>
            {created ? (
              <CreatedConsultation created={created} />
            ) : (
              <CreateConsultationForm onCreated={setCreated} />
            )}
          </section>
          <section className="card" aria-labelledby="join-heading">
            <h2 id="join-heading">{t("home.join.heading")}</h2>
            <JoinWithCodeForm />
            <InvitationCodeForm />
          </section>
        </div>
      </main>
    </div>
  );
}

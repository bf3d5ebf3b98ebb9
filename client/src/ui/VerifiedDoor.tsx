import { useState } from "react";
import type { JoinResponse } from "../../../shared/protocol/http-api.ts";
import { useT } from "../app/i18n.tsx";
import { signInStartPath, signInTicketFor } from "../app/sign-in-ticket.ts";
import { JoinForm } from "./JoinForm.tsx";

export interface VerifiedDoorProps {
  readonly consultationId: string;
  readonly codeOfConduct: string;
  readonly onJoined: (join: JoinResponse) => void;
}

/**
 * The door of a verified consultation: first the sign-in with the operator's provider, then, back
 * with a ticket, the same name, colour and code of conduct as every door.
 */
export function VerifiedDoor({ consultationId, codeOfConduct, onJoined }: VerifiedDoorProps) {
  const t = useT();
  const [ticket, setTicket] = useState(() => signInTicketFor(window.location.pathname));
  const [spent, setSpent] = useState(false);

  if (ticket === undefined) {
    return (
      <div className="form">
        {spent && (
          <p className="form__error" role="alert" data-testid="join-error">
            {t("error.sign_in_expired")}
          </p>
        )}
        <p>{t("join.signIn.intro")}</p>
        <a className="button button--primary" href={signInStartPath(consultationId)} data-testid="sign-in">
          {t("join.signIn.button")}
        </a>
      </div>
    );
  }
  return (
    <>
      <p role="status" data-testid="signed-in">
        {t("join.signIn.signedIn")}
      </p>
      <JoinForm
        doorKey={{ signInTicket: ticket }}
        codeOfConduct={codeOfConduct}
        onJoined={onJoined}
        onRefused={(code) => {
          if (code !== "sign_in_expired") return false;
          setTicket(undefined);
          setSpent(true);
          return true;
        }}
      />
    </>
  );
}

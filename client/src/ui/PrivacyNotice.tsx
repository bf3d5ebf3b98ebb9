import { useId } from "react";
import type { DoorPrivacy } from "../../../shared/protocol/http-api.ts";
import { useT } from "../app/i18n.tsx";

/** A `mailto:` link for an e-mail address, the address itself for a web address. */
function contactHref(contact: string): string {
  return /^https?:\/\//i.test(contact) ? contact : `mailto:${contact}`;
}

/**
 * The short privacy notice at the door, before anyone enters: what is kept, for how long, what voice
 * shares, and who is responsible (`PRIVACY_CONTROLLER`, `PRIVACY_CONTACT`, when the operator set them).
 */
export function PrivacyNotice({ privacy }: { readonly privacy: DoorPrivacy }) {
  const t = useT();
  const id = useId();
  return (
    <section className="privacy-notice" aria-labelledby={`${id}-heading`} data-testid="privacy-notice">
      <h2 id={`${id}-heading`} className="privacy-notice__heading">
        {t("privacy.heading")}
      </h2>
      <ul className="privacy-notice__list">
        <li>{t("privacy.stored")}</li>
        <li>{t("privacy.retention", { days: privacy.retentionDays })}</li>
        <li data-testid="privacy-voice">
          {t(privacy.voice === "peer_to_peer" ? "privacy.voicePeerToPeer" : "privacy.voiceServer")}
        </li>
        <li data-testid="privacy-controller">
          {privacy.controller
            ? t("privacy.controller", { controller: privacy.controller })
            : t("privacy.controllerUnnamed")}
          {privacy.contact && (
            <>
              {" "}
              {t("privacy.contact")}{" "}
              <a
                href={contactHref(privacy.contact)}
                target="_blank"
                rel="noopener noreferrer"
                data-testid="privacy-contact"
              >
                {privacy.contact}
              </a>
            </>
          )}
        </li>
        <li>{t("privacy.rights")}</li>
      </ul>
    </section>
  );
}

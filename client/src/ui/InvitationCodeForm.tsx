import {
  groupInvitationCode,
  invitationPath,
  isWellFormedInvitationCode,
  normalizeJoinCode,
} from "../../../shared/protocol/join-code.ts";
import { useT } from "../app/i18n.tsx";
import { CodeForm } from "./CodeForm.tsx";

/** The code on a personal invitation, typed however it comes (groups, spaces, lower case). */
export function InvitationCodeForm() {
  const t = useT();
  return (
    <CodeForm
      label={t("home.join.invitation")}
      hint={t("home.join.invitationHint")}
      invalid={t("home.join.invitationInvalid")}
      submit={t("home.join.invitationSubmit")}
      testId="invitation-code"
      pathOf={(typed) => {
        const code = normalizeJoinCode(typed);
        return isWellFormedInvitationCode(code) ? invitationPath(groupInvitationCode(code)) : undefined;
      }}
    />
  );
}

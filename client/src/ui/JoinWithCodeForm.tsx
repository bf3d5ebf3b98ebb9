import { isWellFormedJoinCode, normalizeJoinCode } from "../../../shared/protocol/join-code.ts";
import { useT } from "../app/i18n.tsx";
import { joinPath } from "../app/routes.ts";
import { CodeForm } from "./CodeForm.tsx";

/** The consultation's join code, read aloud or copied from a message. */
export function JoinWithCodeForm() {
  const t = useT();
  return (
    <CodeForm
      label={t("home.join.code")}
      invalid={t("home.join.invalid")}
      submit={t("home.join.submit")}
      testId="home-code"
      pathOf={(typed) => {
        const code = normalizeJoinCode(typed);
        return isWellFormedJoinCode(code) ? joinPath(code) : undefined;
      }}
    />
  );
}

import { useT } from "../app/i18n.tsx";
import { navigate } from "../app/routes.ts";
import { LanguageSwitch } from "./LanguageSwitch.tsx";

/** The app's name (a way home) and the language switch, at the top of every page outside the hall. */
export function PageHeader() {
  const t = useT();
  return (
    <header className="page-header">
      <a
        className="page-header__brand"
        href="/"
        onClick={(event) => {
          event.preventDefault();
          navigate("/");
        }}
      >
        <span className="page-header__mark" aria-hidden="true" />
        {t("app.name")}
      </a>
      <LanguageSwitch />
    </header>
  );
}

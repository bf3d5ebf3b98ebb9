import { ConsolePage } from "../ui/console/ConsolePage.tsx";
import { HomePage } from "../ui/HomePage.tsx";
import { JoinPage } from "../ui/JoinPage.tsx";
import { ReportPage } from "../ui/report/ReportPage.tsx";
import { LanguageProvider } from "./i18n.tsx";
import { useRoute } from "./routes.ts";

function CurrentPage() {
  const route = useRoute();
  switch (route.page) {
    case "join":
      return <JoinPage key={`j:${route.joinCode}`} doorKey={{ joinCode: route.joinCode }} />;
    case "facilitator":
      return (
        <JoinPage key={`f:${route.facilitatorKey}`} doorKey={{ facilitatorKey: route.facilitatorKey }} />
      );
    case "console":
      return <ConsolePage key={`c:${route.consultationId}`} consultationId={route.consultationId} />;
    case "report":
      return <ReportPage key={`r:${route.consultationId}`} consultationId={route.consultationId} />;
    default:
      return <HomePage />;
  }
}

export function App() {
  return (
    <LanguageProvider>
      <CurrentPage />
    </LanguageProvider>
  );
}

import { lazy, Suspense } from "react";
import { HomePage } from "../ui/HomePage.tsx";
import { JoinPage } from "../ui/JoinPage.tsx";
import { LanguageProvider } from "./i18n.tsx";
import { useRoute } from "./routes.ts";

// The console joins the room (Colyseus, the state schemas, the pose codec with three) and the report
// draws charts: neither belongs on the critical path of the door pages a citizen opens on a phone.
const ConsolePage = lazy(() =>
  import("../ui/console/ConsolePage.tsx").then((module) => ({ default: module.ConsolePage })),
);
const ReportPage = lazy(() =>
  import("../ui/report/ReportPage.tsx").then((module) => ({ default: module.ReportPage })),
);

function CurrentPage() {
  const route = useRoute();
  switch (route.page) {
    case "join":
      return <JoinPage key={`j:${route.joinCode}`} doorKey={{ joinCode: route.joinCode }} />;
    case "facilitator":
      return (
        <JoinPage key={`f:${route.facilitatorKey}`} doorKey={{ facilitatorKey: route.facilitatorKey }} />
      );
    case "invitation":
      return (
        <JoinPage key={`i:${route.invitationCode}`} doorKey={{ invitationCode: route.invitationCode }} />
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
      <Suspense fallback={<div className="loading-screen" aria-busy="true" />}>
        <CurrentPage />
      </Suspense>
    </LanguageProvider>
  );
}

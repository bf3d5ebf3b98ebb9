import { ChatPanel } from "./chat/ChatPanel.tsx";
import { ConsultationPanel } from "./consultation/ConsultationPanel.tsx";
import { ParticipantList } from "./ParticipantList.tsx";
import { useOverlaySections } from "./use-overlay-sections.ts";

/** On a computer, the overlay's panels beside the hall, each folding on its own (an accordion when narrow). */
export function SidePanels() {
  const sections = useOverlaySections();
  return (
    <div className="overlay__side">
      <ParticipantList open={sections.open.people} onToggle={() => sections.toggle("people")} />
      <ConsultationPanel open={sections.open.consultation} onToggle={() => sections.toggle("consultation")} />
      <ChatPanel open={sections.open.chat} onToggle={() => sections.toggle("chat")} />
    </div>
  );
}

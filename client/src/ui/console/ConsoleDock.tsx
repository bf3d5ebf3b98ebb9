import { useId, useState } from "react";
import type { DeviceKind } from "../../../../shared/protocol/roles.ts";
import { useT } from "../../app/i18n.tsx";
import { consolePath } from "../../app/routes.ts";
import { useSharedDevice } from "../../app/shared-device.ts";
import { roomControls } from "../../facilitation/console-controls.ts";
import { useConsultation } from "../../net/consultation-store.ts";
import { useFacilitation } from "../../net/facilitation-store.ts";
import { selectSelf, useHallStore } from "../../net/hall-store.ts";
import { FacilitatorConsole } from "./FacilitatorConsole.tsx";

/**
 * The facilitator console as a side panel over the hall, on computers only, for facilitators and
 * co-facilitators; with a link to open the same console on a second screen.
 */
export function ConsoleDock({
  device,
  joinCode,
}: {
  readonly device: DeviceKind;
  readonly joinCode: string | undefined;
}) {
  const t = useT();
  const id = useId();
  const self = useHallStore(selectSelf);
  const consultationId = useFacilitation((state) => state.consultationId);
  const phase = useConsultation((state) => state.phase);
  const [open, setOpen] = useState(false);
  // A shared device keeps no session for a second tab to open the console with.
  const shared = useSharedDevice((state) => state.on);
  if (device !== "desktop" || !self || !roomControls(self.role, phase).any) return null;
  return (
    <aside className={`console-dock${open ? " console-dock--open" : ""}`} aria-labelledby={`${id}-toggle`}>
      <button
        id={`${id}-toggle`}
        type="button"
        className="button console-dock__toggle"
        data-testid="console-toggle"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen((value) => !value)}
      >
        {t("hall.console")}
      </button>
      <div id={`${id}-panel`} className="panel console-dock__panel" hidden={!open}>
        {consultationId && shared && <p className="field__hint">{t("hall.consoleSharedDevice")}</p>}
        {consultationId && !shared && (
          <a className="console-dock__link" href={consolePath(consultationId)} target="_blank" rel="noopener">
            {t("hall.consoleSecondScreen")}
          </a>
        )}
        {open && <FacilitatorConsole actor={{ id: self.id, role: self.role }} joinCode={joinCode} />}
      </div>
    </aside>
  );
}

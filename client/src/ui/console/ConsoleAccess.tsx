import { useFacilitation } from "../../net/facilitation-store.ts";
import { setAccess } from "../../net/facilitator-actions.ts";
import { AccessChoice } from "../AccessChoice.tsx";

/** Who may take part, changed for everyone at once; the room audits it and applies it at the door. */
export function ConsoleAccess() {
  const access = useFacilitation((state) => state.access);
  return <AccessChoice value={access} onChange={setAccess} testId="console-access" />;
}

import { useId } from "react";
import { useT } from "../app/i18n.tsx";
import { setSharedDevice, useSharedDevice } from "../app/shared-device.ts";

/**
 * The door's "on a shared device" choice: while ticked, this browser keeps nothing about the person
 * (no session, name, colour or device key). The device remembers the choice itself, so that a loaned
 * headset stays set to it for whoever borrows it next.
 */
export function SharedDeviceField() {
  const t = useT();
  const id = useId();
  const shared = useSharedDevice((state) => state.on);
  return (
    <div className="field shared-device">
      <label className="shared-device__choice">
        <input
          type="checkbox"
          data-testid="shared-device"
          checked={shared}
          aria-describedby={`${id}-hint`}
          onChange={(event) => setSharedDevice(event.target.checked)}
        />
        {t("door.sharedDevice")}
      </label>
      <p id={`${id}-hint`} className="field__hint">
        {t(shared ? "door.sharedDeviceOn" : "door.sharedDeviceOff")}
      </p>
    </div>
  );
}

import { useT } from "../app/i18n.tsx";
import { updateXrSettings, useXrSettings } from "../xr/xr-settings.ts";

/**
 * Offered beside every "Enter in VR" button, so that someone sitting down in real life chooses seated
 * play before the headset view starts instead of finding it in the hand menu. Kept on this device.
 */
export function SeatedPlayToggle() {
  const t = useT();
  const seated = useXrSettings((state) => state.seated);
  return (
    <label className="seated-toggle">
      <input
        type="checkbox"
        data-testid="seated-play"
        checked={seated}
        onChange={(event) => updateXrSettings({ seated: event.target.checked })}
      />
      {t("vr.seatedAtEntry")}
    </label>
  );
}

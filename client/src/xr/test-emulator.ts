/**
 * Test mode only: installs the IWER emulator of a Meta Quest 3 as the page's WebXR runtime, before the
 * app loads. Imported dynamically, so iwer never reaches an ordinary visitor's download.
 */
import { metaQuest3, XRDevice } from "iwer";
import { emulation } from "./emulated-device.ts";

export function installEmulatedHeadset(): void {
  const device = new XRDevice(metaQuest3, { stereoEnabled: false });
  device.installRuntime({ forceInstall: true });
  emulation.device = device;
}

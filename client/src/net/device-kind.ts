import type { DeviceKind } from "../../../shared/protocol/roles.ts";

/** A coarse primary pointer means a finger on a touch screen: the phone controls apply. */
export function detectDeviceKind(): DeviceKind {
  return window.matchMedia("(pointer: coarse)").matches ? "phone" : "desktop";
}

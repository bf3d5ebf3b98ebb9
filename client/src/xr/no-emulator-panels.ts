/**
 * Stands in for @iwer/devui and @iwer/sem, which @react-three/xr imports only for its own emulator.
 * Plenum keeps that emulator off (tests install IWER themselves), so these panels are never built;
 * aliasing them here keeps their large code, and @iwer/sem's incompatible protobuf, out of the bundle.
 */
export class DevUI {
  constructor() {
    throw new Error("The @react-three/xr emulator panel is not part of Plenum.");
  }
}

export class SyntheticEnvironmentModule {
  constructor() {
    throw new Error("The @react-three/xr synthetic environment is not part of Plenum.");
  }
}

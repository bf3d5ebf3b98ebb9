/** The emulated headset of a test session (`?test=1&xr=emulate`), for the test hook to drive; never set otherwise. */
export const emulation: { device: unknown } = { device: null };

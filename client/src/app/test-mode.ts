/**
 * End-to-end tests open pages of the test build with `?test=1`. The flag is read once at start-up and
 * kept across in-app navigation. In the product build it is always false, whatever the address says.
 */
const params = new URLSearchParams(window.location.search);

export const TEST_MODE = __PLENUM_TEST_BUILD__ && params.get("test") === "1";

/**
 * Test pages draw the hall cheaply (see docs/testing.md): headless Chromium draws with SwiftShader on
 * the CPU, where each frame's cost grows with its pixels. The rendering benchmark (`&bench=N`)
 * measures frames, so it gets the product's drawing.
 */
export const TEST_LIGHT_DRAWING = TEST_MODE && !params.has("bench");

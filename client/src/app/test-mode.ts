/**
 * End-to-end tests open pages with `?test=1`. The flag is read once at start-up and kept across
 * in-app navigation, so test-only behaviour never switches on for an ordinary visitor.
 */
export const TEST_MODE = new URLSearchParams(window.location.search).get("test") === "1";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import { sweepSessions } from "./app/saved-sessions.ts";
import { TEST_MODE } from "./app/test-mode.ts";
import "./app/styles.css";

// Tests of the headset path emulate a Quest 3; the emulator is installed before the app asks for WebXR.
if (
  __PLENUM_TEST_BUILD__ &&
  TEST_MODE &&
  new URLSearchParams(window.location.search).get("xr") === "emulate"
) {
  const { installEmulatedHeadset } = await import("./xr/test-emulator.ts");
  installEmulatedHeadset();
}

// The rendering benchmark (`npm run bench:render`) adds a simulated crowd to this page only.
const benchCrowd = new URLSearchParams(window.location.search).get("bench");
if (__PLENUM_TEST_BUILD__ && TEST_MODE && benchCrowd !== null) {
  const { startBenchCrowd } = await import("./app/bench-crowd.ts");
  startBenchCrowd(Number(benchCrowd) || 0);
}

// Kept sessions go when their tokens expire: on every visit, and each minute while a page is open.
sweepSessions();
setInterval(() => sweepSessions(), 60_000);

const root = document.getElementById("root");
if (!root) throw new Error("The page has no #root element.");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

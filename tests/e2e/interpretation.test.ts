/**
 * Interpretation from the facilitator's console and a headset's hand menu: a facilitator at a desktop
 * makes a citizen (an SDK client standing in for the interpreter's browser) an interpreter between Dutch
 * and French in the console; the interpreter goes live into French; the hall's console row says so,
 * and a listener in an emulated headset (IWER) steps to French with the hand menu's button. The choice
 * stays on that device: it is remembered there and the room never hears of it.
 */
import { describe, expect, it } from "vitest";
import { seriousAxeViolations } from "../support/accessibility.ts";
import { saveScreenshot } from "../support/browser.ts";
import { headsetWithDesktop } from "../support/headset-with-desktop.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import { enterHall as enterRoom, type HallRoom, waitFor } from "../support/room-clients.ts";
import { VR_TEST_TIMEOUT_MS } from "../support/vr-emulator.ts";

interface Listening {
  choice: string;
  options: string[];
  remembered: string | null;
}

const stage = headsetWithDesktop({ headsetViewport: { width: 900, height: 700 } });
const { headset: listener, desktop: lead, server, meet, device, openHandMenu, aimAt, pullTrigger } = stage;
let interpreter: HallRoom | undefined;
let interpreterId = "";

function listening(): Promise<Listening> {
  return hook<Listening>(listener.page, "h.listening()");
}

describe("interpretation in the console and the hand menu", () => {
  it(
    "lets a facilitator make a citizen an interpreter from the console",
    async () => {
      const created = await meet("Canal bridge", {
        desktop: "Fatima",
        headset: "Hugo",
        facilitator: "desktop",
      });
      const join = await server.join(created.joinCode, "Anna");
      interpreterId = join.participantId;
      interpreter = await enterRoom(server.url, join);
      await waitFor("Anna in the room", () => interpreter?.state.participants?.has(interpreterId) === true);
      // Nobody interprets yet: the headset offers nothing to choose.
      expect((await listening()).options).toEqual(["original"]);

      await lead.page.getByTestId("console-toggle").click();
      await lead.page.getByTestId("facilitator-console").waitFor();
      const row = lead.page.locator(
        `[data-testid="console-participant"][data-participant-id="${interpreterId}"]`,
      );
      await row.getByTestId("person-interpreter-pair").selectOption({ label: "Nederlands and Français" });
      await row.getByTestId("person-make-interpreter").click();
      await waitFor("Anna to be an interpreter", () => {
        const anna = interpreter?.state.participants.get(interpreterId);
        return anna?.role === "interpreter" && anna.interpreterLanguages.join(" ") === "nl fr";
      });
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain("Interpreter");
      expect(await seriousAxeViolations(lead.page)).toEqual([]);

      interpreter?.send("interpret_into", { language: "fr" });
      interpreter?.send("interpreter_live", { live: true });
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain("Interpreting into French");
      await saveScreenshot(lead.page, "interpretation-console");
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "lets a headset user pick French in the hand menu, remembered on that device only",
    async () => {
      await waitUntil(listener.page, "the channels", "h.listening().options.length === 3");
      expect(await listening()).toEqual({
        choice: "original",
        options: ["original", "nl", "fr"],
        remembered: null,
      });

      await device("d.position.set(0, 1.6, 0);");
      await openHandMenu();
      await aimAt("listening");
      await pullTrigger();
      await waitUntil(listener.page, "Dutch", 'h.listening().choice === "nl"');
      await pullTrigger();
      await waitUntil(listener.page, "French", 'h.listening().choice === "fr"');
      expect((await listening()).remembered).toBe("fr");
      await saveScreenshot(listener.page, "interpretation-hand-menu");

      // The room holds no trace of it: the listener's state is what it was.
      const hugo = [...(interpreter?.state.participants.values() ?? [])].find((p) => p.name === "Hugo");
      expect(hugo?.interpreting).toBe("");
      expect(hugo?.role).toBe("citizen");
      await interpreter?.leave();
    },
    VR_TEST_TIMEOUT_MS,
  );

  it("logged no errors", () => stage.expectNoErrors(), VR_TEST_TIMEOUT_MS);
});

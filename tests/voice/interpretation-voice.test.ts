/**
 * Interpretation through the peer-to-peer mesh (the scenario in interpretation-scenario.ts), then a
 * citizen's attack on the channel: the mesh delivers his audio to every peer, and only the room state's
 * word on who the live interpreter is decides what a listener plays as the channel.
 */
import { describe, expect, it } from "vitest";
import { hook } from "../support/page-hook.ts";
import {
  benClaimsTheFrenchChannel,
  cleoLiveInFrench,
  describeInterpretation,
  expectOnlyCleoInFrench,
} from "./interpretation-scenario.ts";
import { startVoiceServer } from "./voice-meeting.ts";

const { meeting } = describeInterpretation({
  mode: "mesh",
  async start() {
    const server = await startVoiceServer();
    return { server, stop: () => server.stop() };
  },
  // The choice never leaves Ada's device: she is linked to every interpreter whatever she listens to.
  async expectInterpreterDelivered(current) {
    const { ada } = current.people;
    await expect
      .poll(() => hook<string[]>(ada.page, "h.voice().receiving"), { timeout: 30_000 })
      .toContain(current.ids.cleo);
  },
});

describe("a citizen claiming the French channel on the mesh", () => {
  it("reaches the listener's ears only as a voice in space, never as the channel", async () => {
    const current = meeting();
    const { ada } = current.people;
    await cleoLiveInFrench(current);
    await benClaimsTheFrenchChannel(current);
    // His voice does reach Ada's mixer, loud enough to light his speaking ring: the mesh links her to
    // her nearest eight, him among them.
    await expect
      .poll(() => hook<string[]>(ada.page, "h.voice().speaking"), { timeout: 15_000 })
      .toContain(current.ids.ben);
    await expectOnlyCleoInFrench(current);
    expect(ada.errors).toEqual([]);
  });
});

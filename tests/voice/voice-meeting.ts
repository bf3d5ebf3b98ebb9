/**
 * Three people in the hall with fake microphones, each playing its own tone: Ada (the facilitator, the
 * listener), Ben on her left and Cleo on her right. Shared by the LiveKit and peer-to-peer suites.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { LIVEKIT_WEBHOOK_ROUTE } from "../../server/voice/livekit-webhook.ts";
import { launchBrowser, saveScreenshot, type TestBrowser } from "../support/browser.ts";
import { freePort } from "../support/free-port.ts";
import { type LiveKitServer, startLiveKitServer } from "../support/livekit-server.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import { type ServerProcess, startServerProcess } from "../support/server-process.ts";
import { writeToneWav } from "../support/tone-wav.ts";

export const TONES = { ada: 900, ben: 1500, cleo: 2600 } as const;
export type Person = keyof typeof TONES;

/** Where everyone stands: all look towards the stage (-z), Ben 2.5 m to Ada's left, Cleo to her right. */
export const PLACES: Record<Person, { x: number; z: number; yaw: number }> = {
  ada: { x: 0, z: 11, yaw: 0 },
  ben: { x: -2.5, z: 11, yaw: 0 },
  cleo: { x: 2.5, z: 11, yaw: 0 },
};
/** Far across the hall: about 26 m from Ada, beyond hearing range. */
export const FAR_AWAY = { x: 14, z: -11, yaw: 0 };

export interface Meeting {
  /** Also the name of its LiveKit room. */
  readonly consultationId: string;
  readonly people: Record<Person, TestBrowser>;
  readonly ids: Record<Person, string>;
  close(): Promise<void>;
}

/** Peer connections must never leave this machine: the suite runs in a network namespace with only loopback. */
export function assertLoopbackOnly(): void {
  const names = Object.keys(networkInterfaces());
  if (names.some((name) => name !== "lo")) {
    throw new Error(
      `Voice tests must run in a loopback-only network namespace (npm test does); found ${names.join(", ")}.`,
    );
  }
}

export interface ToneReading {
  left: number[];
  right: number[];
}

/**
 * Average of a few readings of the listener's output, per tone and ear: of the mix, or of what the
 * echo loopback plays to the speakers.
 */
export async function listen(
  page: Page,
  frequencies: number[],
  readings = 5,
  at: "mix" | "speakers" = "mix",
): Promise<ToneReading> {
  const sum = { left: frequencies.map(() => 0), right: frequencies.map(() => 0) };
  for (let i = 0; i < readings; i++) {
    const reading =
      (await hook<ToneReading>(
        page,
        `h.voiceTones(${JSON.stringify(frequencies)}, ${JSON.stringify(at)})`,
      )) ?? sum;
    reading.left.forEach((value, j) => {
      sum.left[j] = (sum.left[j] ?? 0) + value / readings;
    });
    reading.right.forEach((value, j) => {
      sum.right[j] = (sum.right[j] ?? 0) + value / readings;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return sum;
}

/** Loudness of each tone in both ears together, in one reading of the mix. */
export async function loudnesses(page: Page, frequencies: number[]): Promise<number[]> {
  const reading = await hook<ToneReading | undefined>(page, `h.voiceTones(${JSON.stringify(frequencies)})`);
  return frequencies.map((_frequency, i) => Math.hypot(reading?.left[i] ?? 0, reading?.right[i] ?? 0));
}

/** Loudness of one tone in both ears together. */
export async function loudness(page: Page, frequency: number): Promise<number> {
  return (await loudnesses(page, [frequency]))[0] ?? 0;
}

async function enter(browser: TestBrowser, url: string, name: string): Promise<string> {
  const { page } = browser;
  if (process.env.VOICE_DEBUG) page.on("console", (m) => console.log(name, m.type(), m.text()));
  await page.goto(url);
  try {
    await page.getByTestId("display-name").fill(name, { timeout: 15_000 });
  } catch (error) {
    await saveScreenshot(page, `voice-door-${name.toLowerCase()}`);
    throw error;
  }
  // The door may ask everyone to accept the consultation's code of conduct first.
  const conduct = page.getByTestId("accept-conduct");
  if ((await conduct.count()) > 0) await conduct.check();
  await page.getByTestId("enter-hall").click();
  try {
    await waitUntil(page, `${name}'s hall to be ready`, "h.ready", 45_000);
  } catch (error) {
    await saveScreenshot(page, `voice-hall-${name.toLowerCase()}`);
    throw new Error(`${(error as Error).message}\npage errors: ${browser.errors.join("\n")}`);
  }
  return (await hook<string>(page, "h.participantId")) ?? "";
}

export interface VoiceServer {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Plenum in its own process, as in production: the browsers' load on this test process must not stall
 * the room (a stalled room reads a backlog of poses as a flood and drops the client).
 */
export async function startVoiceServer(env: Record<string, string> = {}): Promise<VoiceServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "plenum-voice-data-"));
  let server: ServerProcess;
  try {
    server = await startServerProcess({ DATA_DIR: dataDir, ...env }, 30_000);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: server.url,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface LiveKitVoice {
  readonly server: VoiceServer;
  readonly liveKit: LiveKitServer;
  /** Where LiveKit posts its webhooks: Plenum's route, for a LiveKit started again. */
  readonly webhookUrl: string;
}

/** Plenum and a LiveKit server that posts its webhooks to it, as deployed (docs/voice.md). */
export async function startLiveKitVoice(): Promise<LiveKitVoice> {
  // LiveKit learns where Plenum will listen before either starts.
  const port = await freePort();
  const webhookUrl = `http://127.0.0.1:${port}${LIVEKIT_WEBHOOK_ROUTE}`;
  const liveKit = await startLiveKitServer({ webhookUrl });
  try {
    const server = await startVoiceServer({
      PORT: String(port),
      LIVEKIT_URL: liveKit.url,
      LIVEKIT_API_KEY: liveKit.apiKey,
      LIVEKIT_API_SECRET: liveKit.apiSecret,
    });
    return { server, liveKit, webhookUrl };
  } catch (error) {
    await liveKit.stop();
    throw error;
  }
}

async function createConsultation(
  server: VoiceServer,
): Promise<{ id: string; joinCode: string; facilitatorKey: string }> {
  const response = await fetch(`${server.url}/api/consultations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "Voice check", language: "en" }),
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; joinCode: string; facilitatorKey: string };
}

/** Opens the consultation with Ada, switches it to open speaking, brings Ben and Cleo in and places everyone. */
export async function startMeeting(server: VoiceServer): Promise<Meeting> {
  assertLoopbackOnly();
  const folder = mkdtempSync(path.join(tmpdir(), "plenum-tones-"));
  const launch = (person: Person) => {
    const wav = path.join(folder, `${person}.wav`);
    writeToneWav(wav, TONES[person]);
    return launchBrowser({ width: 480, height: 300 }, [
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
      `--use-file-for-fake-audio-capture=${wav}`,
      "--allow-loopback-in-peer-connection",
      "--disable-features=WebRtcHideLocalIpsWithMdns",
    ]);
  };
  const launched = await Promise.allSettled([launch("ada"), launch("ben"), launch("cleo")]);
  const browsers = launched.flatMap((each) => (each.status === "fulfilled" ? [each.value] : []));
  const close = async () => {
    await Promise.all(browsers.map((browser) => browser.close()));
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    const [ada, ben, cleo] = launched.map((each) => {
      if (each.status === "rejected") throw each.reason;
      return each.value;
    }) as [TestBrowser, TestBrowser, TestBrowser];
    return await enterAll(server, { ada, ben, cleo }, close);
  } catch (error) {
    // A meeting that did not come together leaves no browser or tone behind.
    await close();
    throw error;
  }
}

/** Ada opens the consultation in open discussion, Ben and Cleo come in, and everyone takes their place. */
async function enterAll(
  server: VoiceServer,
  people: Record<Person, TestBrowser>,
  close: () => Promise<void>,
): Promise<Meeting> {
  const { ada, ben, cleo } = people;
  const consultation = await createConsultation(server);
  const ids = {} as Record<Person, string>;
  ids.ada = await enter(
    ada,
    `${server.url}/f/${encodeURIComponent(consultation.facilitatorKey)}?test=1&voice=1`,
    "Ada",
  );
  // In the default town-hall mode citizens speak only with the floor; this meeting is an open discussion.
  await hook(ada.page, `h.send("set_mode", { mode: "open" })`);
  [ids.ben, ids.cleo] = await Promise.all([
    enter(ben, `${server.url}/j/${consultation.joinCode}?test=1&voice=1`, "Ben"),
    enter(cleo, `${server.url}/j/${consultation.joinCode}?test=1&voice=1`, "Cleo"),
  ]);
  for (const person of Object.keys(people) as Person[]) {
    const place = PLACES[person];
    await hook(people[person].page, `h.teleport(${place.x}, ${place.z}, ${place.yaw})`);
  }
  // Everyone must see everyone where they now stand before voices can be placed.
  for (const person of Object.keys(people) as Person[])
    await waitUntilSeen(people, ids, person, PLACES[person]);
  return { consultationId: consultation.id, people, ids, close };
}

/** Waits until everyone else sees `person` standing at `place`. */
async function waitUntilSeen(
  people: Record<Person, TestBrowser>,
  ids: Record<Person, string>,
  person: Person,
  place: { x: number; z: number },
): Promise<void> {
  for (const other of Object.keys(people) as Person[]) {
    if (other === person) continue;
    await waitUntil(
      people[other].page,
      `${other} to see ${person} in place`,
      `h.avatars().some((a) => a.id === ${JSON.stringify(ids[person])} && Math.hypot(a.x - ${place.x}, a.z - ${place.z}) < 0.2)`,
    );
  }
}

/** Walks `person` back to their place in the meeting, once everyone else sees them there. */
export async function backInPlace(meeting: Meeting, person: Person): Promise<void> {
  const place = PLACES[person];
  await hook(meeting.people[person].page, `h.teleport(${place.x}, ${place.z}, ${place.yaw})`);
  await waitUntilSeen(meeting.people, meeting.ids, person, place);
}

/** A modified client: the page sends its microphone every 150 ms (`publishAnyway`), ignoring the room. */
export function keepPublishing(page: Page): { readonly attempts: string[]; stop(): Promise<void> } {
  let tampering = true;
  const attempts: string[] = [];
  const tamper = (async () => {
    while (tampering) {
      attempts.push((await hook<string>(page, "h.publishAnyway()")) ?? "");
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  })();
  return {
    attempts,
    async stop() {
      tampering = false;
      await tamper;
    },
  };
}

/** Polls `read` until `accept` holds; returns the time it took in ms, or throws after `timeoutMs`. */
export async function timeUntil<T>(
  what: string,
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 10_000,
  intervalMs = 50,
): Promise<number> {
  const started = performance.now();
  let last: T | undefined;
  while (performance.now() - started < timeoutMs) {
    last = await read();
    if (accept(last)) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last value ${JSON.stringify(last)}`);
}

/**
 * Unmutes Ben and Cleo and waits until Ada receives and hears both; returns what she hears (Ben's tone
 * first, then Cleo's) and logs it under `label`.
 */
export async function hearBenAndCleo(meeting: Meeting, label: string): Promise<ToneReading> {
  const { ada, ben, cleo } = meeting.people;
  const { ids } = meeting;
  await hook(ben.page, "h.setMuted(false)");
  await hook(cleo.page, "h.setMuted(false)");
  await waitUntil(
    ada.page,
    "Ada to receive Ben and Cleo",
    `h.voice().receiving.includes(${JSON.stringify(ids.ben)}) && h.voice().receiving.includes(${JSON.stringify(ids.cleo)})`,
    30_000,
  );
  await timeUntil(
    "both tones at Ada",
    () => listen(ada.page, [TONES.ben, TONES.cleo], 1),
    (r) =>
      Math.max(r.left[0] ?? 0, r.right[0] ?? 0) > 0.02 && Math.max(r.left[1] ?? 0, r.right[1] ?? 0) > 0.02,
    20_000,
    200,
  );
  const heard = await listen(ada.page, [TONES.ben, TONES.cleo]);
  console.log(
    `${label}: Ben ${TONES.ben} Hz L=${heard.left[0]?.toFixed(4)} R=${heard.right[0]?.toFixed(4)}; ` +
      `Cleo ${TONES.cleo} Hz L=${heard.left[1]?.toFixed(4)} R=${heard.right[1]?.toFixed(4)}`,
  );
  return heard;
}

/**
 * With Ben and Cleo heard: Ada's speakers play the mix through the echo-cancelled WebRTC loopback,
 * still in stereo (Ben on the left, Cleo on the right). Returns what the speakers play.
 */
export async function expectSpeakersPlayTheMix(meeting: Meeting, label: string): Promise<ToneReading> {
  const { ada } = meeting.people;
  await waitUntil(ada.page, "Ada's mix to play through the echo loopback", "h.voice().output === 'loopback'");
  await timeUntil(
    "both tones from Ada's speakers",
    () => listen(ada.page, [TONES.ben, TONES.cleo], 1, "speakers"),
    (r) =>
      Math.max(r.left[0] ?? 0, r.right[0] ?? 0) > 0.02 && Math.max(r.left[1] ?? 0, r.right[1] ?? 0) > 0.02,
    10_000,
    200,
  );
  const played = await listen(ada.page, [TONES.ben, TONES.cleo], 5, "speakers");
  console.log(
    `${label} speakers (echo loopback): Ben L=${played.left[0]?.toFixed(4)} R=${played.right[0]?.toFixed(4)}; ` +
      `Cleo L=${played.left[1]?.toFixed(4)} R=${played.right[1]?.toFixed(4)}`,
  );
  if (
    !(
      (played.left[0] ?? 0) > 1.5 * (played.right[0] ?? 0) &&
      (played.right[1] ?? 0) > 1.5 * (played.left[1] ?? 0)
    )
  )
    throw new Error(`the speakers lost the panning: ${JSON.stringify(played)}`);
  return played;
}

/** Waits until the speaking indicator lights for both Ben and Cleo at Ada's. */
export async function waitUntilBenAndCleoSpeak(meeting: Meeting): Promise<void> {
  const { ids } = meeting;
  await waitUntil(
    meeting.people.ada.page,
    "Ben and Cleo to show as speaking",
    `h.voice().speaking.includes(${JSON.stringify(ids.ben)}) && h.voice().speaking.includes(${JSON.stringify(ids.cleo)})`,
    5000,
  );
}

/** Mutes Ben; returns how long his tone took to stop at Ada, in ms (logged under `label`). */
export async function muteBen(meeting: Meeting, label: string): Promise<number> {
  const { ada, ben } = meeting.people;
  await hook(ben.page, "h.setMuted(true)");
  const elapsed = await timeUntil(
    "Ben's tone to stop at Ada",
    () => loudness(ada.page, TONES.ben),
    (v) => v < 0.005,
    3000,
  );
  console.log(`${label}: Ben silent at Ada ${elapsed.toFixed(0)} ms after muting`);
  return elapsed;
}

/**
 * Sends Cleo out of hearing range, then Ada gives her the floor: her voice must reach Ada through the
 * hall's PA, evenly in both ears; when Ada takes the floor back, Cleo is out of range again. Returns
 * what Ada heard of Cleo while she had the floor (logged under `label`).
 */
export async function cleoOnTheFloorFromAfar(meeting: Meeting, label: string): Promise<ToneReading> {
  const { ada, cleo } = meeting.people;
  const cleoId = JSON.stringify(meeting.ids.cleo);
  await hook(cleo.page, `h.teleport(${FAR_AWAY.x}, ${FAR_AWAY.z}, ${FAR_AWAY.yaw})`);
  await timeUntil(
    "Cleo out of earshot at Ada",
    () => loudness(ada.page, TONES.cleo),
    (v) => v < 0.005,
    15_000,
  );
  await hook(ada.page, `h.send("give_floor", { participantId: ${cleoId} })`);
  const elapsed = await timeUntil(
    "Cleo heard at Ada through the PA",
    () => loudness(ada.page, TONES.cleo),
    (v) => v > 0.02,
    15_000,
  );
  const heard = await listen(ada.page, [TONES.cleo]);
  console.log(
    `${label}: Cleo on the floor from ${FAR_AWAY.x},${FAR_AWAY.z} heard after ${elapsed.toFixed(0)} ms, ` +
      `L=${heard.left[0]?.toFixed(4)} R=${heard.right[0]?.toFixed(4)}`,
  );
  await takeFloorBackFrom(meeting, "cleo");
  await hook(cleo.page, `h.teleport(${PLACES.cleo.x}, ${PLACES.cleo.z}, ${PLACES.cleo.yaw})`);
  return heard;
}

/** Waits, polling every 200 ms, until `page` clearly hears `frequency`; returns how long it took. */
export function untilHeard(page: Page, frequency: number, what: string, timeoutMs = 30_000): Promise<number> {
  return timeUntil(
    what,
    () => loudness(page, frequency),
    (v) => v > 0.02,
    timeoutMs,
    200,
  );
}

/** Ada takes the floor back; returns once `person`, far away, is out of her earshot again. */
export async function takeFloorBackFrom(meeting: Meeting, person: Person): Promise<void> {
  const { ada } = meeting.people;
  await hook(ada.page, `h.send("take_floor", {})`);
  await timeUntil(
    `${person} out of earshot off the floor`,
    () => loudness(ada.page, TONES[person]),
    (v) => v < 0.005,
    15_000,
  );
}

/** The PA carries a voice at a clear level to both ears alike. */
export function expectEvenAndClear(heard: ToneReading): void {
  const left = heard.left[0] ?? 0;
  const right = heard.right[0] ?? 0;
  if (Math.min(left, right) < 0.02) throw new Error(`PA voice too quiet: L=${left} R=${right}`);
  if (Math.min(left, right) / Math.max(left, right) < 0.6)
    throw new Error(`PA voice not even: L=${left} R=${right}`);
}

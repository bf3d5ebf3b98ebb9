/**
 * The stage of the VR end-to-end tests: a Plenum server, one page in an emulated headset and one at a
 * desktop, opened before a file's tests and closed after them, and the headset's controls.
 */
import { afterAll, beforeAll, expect } from "vitest";
import type { CreateConsultationResponse } from "../../shared/protocol/http-api.ts";
import { launchBrowser, type TestBrowser } from "./browser.ts";
import { startTestServer, type TestServer } from "./test-server.ts";
import { type EmulatedHeadset, emulatedHeadset, enterHall, enterVr, type RayPointer } from "./vr-emulator.ts";

interface Viewport {
  width: number;
  height: number;
}

export interface HeadsetWithDesktopOptions {
  /** The headset page's window (what a screenshot of it shows); launchBrowser's default when left out. */
  headsetViewport?: Viewport;
  desktopViewport?: Viewport;
  /** What points the headset's ray; the right controller when left out. */
  pointer?: RayPointer;
  /** Runs once the server and both pages are up, before the first test: listeners, init scripts. */
  prepare?: (stage: Stage) => void | Promise<void>;
}

interface Stage {
  readonly server: TestServer;
  /** The page wearing the emulated headset (opened with `&xr=emulate`). */
  readonly headset: TestBrowser;
  /** The page at a desktop, which sees what the headset does. */
  readonly desktop: TestBrowser;
}

/** Who enters the hall in `meet`, and which of them comes in through the facilitator link. */
export interface Meeting {
  headset: string;
  desktop: string;
  facilitator?: "headset" | "desktop";
}

export interface HeadsetWithDesktop extends Stage, EmulatedHeadset {
  /**
   * Creates a consultation called `title`; the desktop page enters its hall, then the headset page,
   * which puts the headset on with the hall's VR button.
   */
  meet(title: string, people: Meeting): Promise<CreateConsultationResponse>;
  /** Expects that neither page logged a console error or threw. */
  expectNoErrors(): void;
}

/**
 * Opens the stage in `beforeAll` and closes it in `afterAll`. The server and pages it returns stand
 * for the ones `beforeAll` opens, so a file can name them at its top and use them in its tests.
 */
export function headsetWithDesktop(options: HeadsetWithDesktopOptions = {}): HeadsetWithDesktop {
  let stage: Stage | undefined;
  const current = (): Stage => {
    if (!stage) throw new Error("the VR stage is used before beforeAll opened it");
    return stage;
  };

  beforeAll(async () => {
    const server = await startTestServer();
    const [headset, desktop] = await Promise.all([
      launchBrowser(options.headsetViewport),
      launchBrowser(options.desktopViewport),
    ]);
    stage = { server, headset, desktop };
    await options.prepare?.(stage);
  });

  afterAll(async () => {
    await Promise.all([stage?.headset.close(), stage?.desktop.close()]);
    await stage?.server.stop();
  });

  const server = standIn(() => current().server);
  const headset = standIn(() => current().headset);
  const desktop = standIn(() => current().desktop);

  const link = (created: CreateConsultationResponse, facilitator: boolean) =>
    facilitator
      ? `${server.url}/f/${created.facilitatorKey}?test=1`
      : `${server.url}/j/${created.joinCode}?test=1`;

  return {
    server,
    headset,
    desktop,
    ...emulatedHeadset(() => headset.page, options.pointer),
    async meet(title, people) {
      const created = await server.createConsultation(title);
      await enterHall(desktop, link(created, people.facilitator === "desktop"), people.desktop);
      await enterHall(
        headset,
        `${link(created, people.facilitator === "headset")}&xr=emulate`,
        people.headset,
      );
      await enterVr(headset, people.headset);
      return created;
    },
    expectNoErrors() {
      expect(headset.errors, "errors on the headset page").toEqual([]);
      expect(desktop.errors, "errors on the desktop page").toEqual([]);
    },
  };
}

/** An object that reads every property from `current()` at the moment it is read. */
function standIn<T extends object>(current: () => T): T {
  return new Proxy({} as T, { get: (_, key) => Reflect.get(current(), key) });
}

/** Real headless Chromium for end-to-end tests: a fresh profile per browser, nothing fetched from outside. */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { idleEmulatedGpu } from "./emulated-gpu.ts";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARTIFACTS_DIR = path.resolve(import.meta.dirname, "../../test-artifacts");

const FLAGS = [
  "--no-sandbox",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
  // Pages are rasterised by the renderer on the CPU, not by SwiftShader: a screenshot rasterises every
  // tile of the page at once, and on the emulated graphics card, queued behind the halls' WebGL frames,
  // that took 10 s and more on two cores (docs/testing.md). WebGL still draws with SwiftShader.
  "--disable-gpu-rasterization",
  "--autoplay-policy=no-user-gesture-required",
];

export interface TestBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught page errors, so that a test can assert there were none. */
  readonly errors: string[];
  close(): Promise<void>;
}

/** A phone: a touch screen whose primary pointer is a finger (`pointer: coarse`). */
export const PHONE = { isMobile: true, hasTouch: true } as const;

/**
 * `extraArgs` adds Chromium flags, e.g. a fake microphone playing a given file; `device` makes the
 * browser a touch device (`PHONE`). Every test browser draws only with CPU time nothing else wants
 * (see emulated-gpu.ts), as a real graphics card beside the CPU would.
 */
export async function launchBrowser(
  viewport = { width: 1280, height: 800 },
  extraArgs: readonly string[] = [],
  device: { readonly isMobile?: boolean; readonly hasTouch?: boolean } = {},
  /**
   * A profile folder to use (and keep) instead of a fresh one: a second browser on the same folder is
   * the same browser profile opened again, as the next person on a shared device finds it.
   */
  keptProfile?: string,
): Promise<TestBrowser> {
  const profile = keptProfile ?? mkdtempSync(path.join(tmpdir(), "plenum-chromium-"));
  const removeProfile = () => {
    if (keptProfile === undefined) rmSync(profile, { recursive: true, force: true });
  };
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...FLAGS, ...extraArgs],
    viewport,
    ...device,
  });
  try {
    await idleEmulatedGpu(profile);
  } catch (error) {
    await context.close();
    removeProfile();
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      removeProfile();
    },
  };
}

/** Saves a screenshot under test-artifacts/ so that a person can look at what the test saw. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Counts distinct colours in the WebGL canvas (sampled on a grid): a blank or single-colour canvas scores 1. */
export async function canvasColourCount(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const canvas = document.querySelector("canvas");
    if (!canvas) return 0;
    const image = new Image();
    image.src = canvas.toDataURL("image/png");
    await image.decode();
    const probe = document.createElement("canvas");
    probe.width = 64;
    probe.height = 40;
    const context = probe.getContext("2d");
    if (!context) return 0;
    context.drawImage(image, 0, 0, probe.width, probe.height);
    const data = context.getImageData(0, 0, probe.width, probe.height).data;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4)
      colours.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
    return colours.size;
  });
}

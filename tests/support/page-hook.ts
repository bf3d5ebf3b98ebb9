/**
 * Reading a page through its test hook (`window.__plenum`, on pages opened with `?test=1`): an
 * expression sees the hook as `h`.
 */
import type { Page } from "playwright-core";

/** The value of `expression` on the page, or undefined while the hook is not there yet. */
export function hook<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(
    `(() => { const h = window.__plenum; return h ? (${expression}) : undefined; })()`,
  ) as Promise<T>;
}

/** Waits until `expression` is truthy on the page; `what` names it in the timeout's error. */
export async function waitUntil(
  page: Page,
  what: string,
  expression: string,
  timeoutMs = 20_000,
): Promise<void> {
  try {
    await page.waitForFunction(
      `(() => { const h = window.__plenum; return !!h && !!(${expression}); })()`,
      undefined,
      { timeout: timeoutMs, polling: 100 },
    );
  } catch (error) {
    throw new Error(`Timed out waiting for ${what}: ${(error as Error).message}`);
  }
}

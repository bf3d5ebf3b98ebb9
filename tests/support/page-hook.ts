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

/**
 * Waits until `expression` is truthy on the page; `what` names it in the timeout's error. It polls with
 * `page.evaluate`, which the page's Content-Security-Policy allows (`waitForFunction` on a string
 * compiles it inside the page, which the policy forbids).
 */
export async function waitUntil(
  page: Page,
  what: string,
  expression: string,
  timeoutMs = 20_000,
): Promise<void> {
  const started = performance.now();
  let last: unknown;
  while (performance.now() - started < timeoutMs) {
    try {
      if (await hook<unknown>(page, `!!(${expression})`)) return;
    } catch (error) {
      // A navigation replaces the page's context mid-evaluation: try again on the new one.
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `Timed out waiting for ${what} after ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ""}`,
  );
}

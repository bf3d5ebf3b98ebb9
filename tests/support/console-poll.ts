/** The facilitator console's poll form, driven from a page as a facilitator fills it in. */
import type { Page } from "playwright-core";

/**
 * Fills in the poll form on `page` (the console already open) and creates the poll, opened at once.
 * `options` holds one answer a line, as typed; `details` sets anything else on the form before it goes.
 */
export async function createOpenPoll(
  page: Page,
  question: string,
  kind: string,
  options: string,
  details?: () => Promise<void>,
): Promise<void> {
  await page.getByTestId("poll-question").fill(question);
  await page.getByTestId("poll-kind").selectOption(kind);
  await page.getByTestId("poll-options").fill(options);
  await details?.();
  await page.getByTestId("poll-create-open").click();
}

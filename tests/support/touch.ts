/** A finger on a touch screen, through Chromium's own touch input (Playwright's `tap` only taps). */
import type { Page } from "playwright-core";

export interface Point {
  readonly x: number;
  readonly y: number;
}

/**
 * Puts a finger down at `from`, slides it to `to` in `steps` moves, keeps it there for `holdMs` (a
 * thumb held on the move pad keeps walking) and lifts it.
 */
export async function touchDrag(page: Page, from: Point, to: Point, steps = 8, holdMs = 0): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const touch = (type: "touchStart" | "touchMove" | "touchEnd", point?: Point) =>
    cdp.send("Input.dispatchTouchEvent", { type, touchPoints: point ? [{ x: point.x, y: point.y }] : [] });
  try {
    await touch("touchStart", from);
    for (let step = 1; step <= steps; step++)
      await touch("touchMove", {
        x: from.x + ((to.x - from.x) * step) / steps,
        y: from.y + ((to.y - from.y) * step) / steps,
      });
    if (holdMs > 0) await new Promise((resolve) => setTimeout(resolve, holdMs));
    await touch("touchEnd");
  } finally {
    await cdp.detach();
  }
}

/** The centre of the element with this test id (or selector), in page pixels. */
export async function centreOf(page: Page, selector: string): Promise<Point> {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not on the screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

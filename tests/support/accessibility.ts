/**
 * Accessibility checks on a real page: axe-core's WCAG 2.2 AA rules, and walking the page with Tab to
 * see which controls are reached, in which order, and whether the focus can be seen.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

export interface AxeProblem {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: readonly string[];
}

/**
 * Runs axe on the page and returns its serious and critical violations, one line each. The script is
 * evaluated rather than added as a tag, so a Content-Security-Policy cannot block it.
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const problems = (await page.evaluate(`(async () => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: ${JSON.stringify(WCAG_22_AA)} } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? "",
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ") + (n.failureSummary ? " — " + n.failureSummary.replace(/\\s+/g, " ") : "")),
    }));
  })()`)) as AxeProblem[];
  return problems
    .filter((problem) => problem.impact === "serious" || problem.impact === "critical")
    .map((problem) => `${problem.impact} ${problem.id} (${problem.help}): ${problem.targets.join(" | ")}`);
}

export interface FocusStop {
  /** The test id, else the tag with its accessible text, for messages. */
  readonly name: string;
  /** Whether an outline or a box shadow marks the focus. */
  readonly visible: boolean;
  /** Its position among the page's focusable controls in document order. */
  readonly index: number;
}

/** Marks every visible, enabled control in document order with `data-tab-index`; returns how many. */
function markControls(page: Page): Promise<number> {
  return page.evaluate(() => {
    const selector =
      "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])";
    const controls = [...document.querySelectorAll<HTMLElement>(selector)].filter((element) => {
      if ((element as HTMLButtonElement).disabled) return false;
      if (element.closest("[inert]")) return false;
      // A control inside a closed <details> (other than its summary) cannot be reached.
      const details = element.closest("details");
      if (details && !details.open && element.tagName !== "SUMMARY") return false;
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      const drawn = box.width > 0 && box.height > 0 && style.visibility !== "hidden";
      // Radios share one tab stop per group: count the checked one, or the first.
      if (element instanceof HTMLInputElement && element.type === "radio") {
        const group = [
          ...document.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${element.name}"]`),
        ];
        const stop = group.find((radio) => radio.checked) ?? group[0];
        if (stop !== element) return false;
        return true;
      }
      return drawn;
    });
    document.querySelectorAll("[data-tab-index]").forEach((element) => {
      element.removeAttribute("data-tab-index");
    });
    controls.forEach((element, index) => {
      element.setAttribute("data-tab-index", String(index));
    });
    return controls.length;
  });
}

/**
 * Presses Tab from the top of the page until the focus leaves the page or comes back round, and
 * returns each stop. `limit` bounds the walk.
 */
export async function walkWithTab(
  page: Page,
  limit = 120,
): Promise<{ stops: FocusStop[]; controls: number }> {
  const controls = await markControls(page);
  // Start from the top: Tab moves on from a focused, unreachable marker before everything else.
  await page.evaluate(() => {
    const start = document.createElement("div");
    start.tabIndex = -1;
    start.id = "tab-walk-start";
    document.body.prepend(start);
    start.focus();
  });
  const stops: FocusStop[] = [];
  for (let press = 0; press < limit; press++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      const style = getComputedStyle(element);
      const outlined = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0;
      const shadowed = style.boxShadow !== "none";
      // Swatch radios are invisible inputs: their label draws the ring.
      const holder = element.closest("label");
      const holderStyle = holder ? getComputedStyle(holder) : null;
      const holderRing =
        holderStyle !== null &&
        holderStyle.outlineStyle !== "none" &&
        Number.parseFloat(holderStyle.outlineWidth) > 0;
      const text = (element.getAttribute("aria-label") ?? element.textContent ?? "").trim().slice(0, 30);
      return {
        name: element.dataset.testid ?? `${element.tagName.toLowerCase()} "${text}"`,
        visible: outlined || shadowed || holderRing,
        index: Number(element.dataset.tabIndex ?? "-1"),
      };
    });
    if (!stop) break;
    if (stops.length > 0 && stop.index === stops[0]?.index) break;
    stops.push(stop);
  }
  await page.evaluate(() => document.getElementById("tab-walk-start")?.remove());
  return { stops, controls };
}

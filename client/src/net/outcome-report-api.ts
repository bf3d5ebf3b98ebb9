/** The published outcome report over HTTP (`/c/<id>/report.json`), and the addresses of its sibling files. */
import type { OutcomeFile } from "../../../shared/consultation/outcome-exports.ts";
import type { OutcomeReport } from "../../../shared/consultation/outcome-report.ts";

export type ReportFetch =
  | { readonly ok: true; readonly report: OutcomeReport }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** One of the outcome's files (shared/consultation/outcome-exports.ts lists them). */
export function outcomeFileUrl(consultationId: string, file: OutcomeFile): string {
  return `/c/${encodeURIComponent(consultationId)}/${file}`;
}

/** The report, or the server's code (`report_not_ready` before closing, `unknown_consultation`, "network"). */
export async function fetchReport(consultationId: string): Promise<ReportFetch> {
  try {
    const response = await fetch(outcomeFileUrl(consultationId, "report.json"));
    const payload = (await response.json()) as unknown;
    if (response.ok) return { ok: true, report: payload as OutcomeReport };
    const error = (payload as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    return {
      ok: false,
      code: typeof error?.code === "string" ? error.code : "internal",
      message: typeof error?.message === "string" ? error.message : response.statusText,
    };
  } catch (error) {
    return { ok: false, code: "network", message: String(error) };
  }
}

/**
 * The files a facilitator downloads right after making invitations (their codes are shown only then):
 * a CSV for a mail merge, and a printable sheet with one QR code per invitation for letters. The QR
 * codes come from `qrcode`, the widely used encoder; the sheet is built with the DOM, so that titles
 * and labels are escaped by the browser, and is one self-contained HTML file that prints offline.
 */
import QRCode from "qrcode";
import { csvTable } from "../../../../shared/consultation/outcome-report.ts";
import type { CreatedInvitation } from "../../../../shared/protocol/http-api.ts";

/** The link an invitation's holder opens, on this server. */
export function invitationUrl(invitation: CreatedInvitation, origin: string): string {
  return `${origin}${invitation.link}`;
}

export function invitationsCsv(invitations: readonly CreatedInvitation[], origin: string): string {
  return csvTable([
    ["id", "label", "code", "link"],
    ...invitations.map((i) => [i.id, i.label ?? "", i.code, invitationUrl(i, origin)]),
  ]);
}

export interface SheetText {
  readonly language: string;
  readonly heading: string;
  readonly help: string;
  readonly qrAlt: string;
}

const SHEET_STYLE = `
  @page { size: A4; margin: 15mm; }
  body { font-family: system-ui, sans-serif; color: #111; }
  .invitation { display: flex; gap: 8mm; align-items: center; padding: 8mm; margin-bottom: 8mm;
    border: 1px dashed #777; break-inside: avoid; page-break-inside: avoid; }
  .invitation img { width: 42mm; height: 42mm; }
  .invitation h2 { margin: 0 0 2mm; font-size: 14pt; }
  .code { font: 700 18pt ui-monospace, monospace; letter-spacing: 0.08em; }
  .link { word-break: break-all; }`;

/** One HTML document: per invitation, its QR code (of the link), label, code and link. */
export async function invitationSheet(
  invitations: readonly CreatedInvitation[],
  origin: string,
  text: SheetText,
): Promise<string> {
  const doc = document.implementation.createHTMLDocument(text.heading);
  doc.documentElement.lang = text.language;
  const meta = doc.createElement("meta");
  meta.setAttribute("charset", "utf-8");
  doc.head.prepend(meta);
  const style = doc.createElement("style");
  style.textContent = SHEET_STYLE;
  doc.head.append(style);
  const main = doc.createElement("main");
  doc.body.append(main);
  for (const invitation of invitations) {
    const url = invitationUrl(invitation, origin);
    const section = doc.createElement("section");
    section.className = "invitation";
    section.dataset.invitation = invitation.id;
    const image = doc.createElement("img");
    image.src = await QRCode.toDataURL(url, { errorCorrectionLevel: "M", margin: 2, width: 240 });
    image.alt = text.qrAlt;
    const body = doc.createElement("div");
    const heading = doc.createElement("h2");
    heading.textContent = text.heading;
    body.append(heading);
    if (invitation.label) {
      const label = doc.createElement("p");
      label.textContent = invitation.label;
      body.append(label);
    }
    const help = doc.createElement("p");
    help.textContent = text.help;
    const code = doc.createElement("p");
    code.className = "code";
    code.textContent = invitation.code;
    const link = doc.createElement("p");
    link.className = "link";
    link.textContent = url;
    body.append(help, code, link);
    section.append(image, body);
    main.append(section);
  }
  return `<!doctype html>\n${doc.documentElement.outerHTML}`;
}

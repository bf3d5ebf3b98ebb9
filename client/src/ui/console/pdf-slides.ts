/**
 * Turns a PDF into slide images in the browser: pdf.js draws each page onto a canvas, which becomes a
 * PNG (or a JPEG when a page full of photographs would make too large a PNG). The server only ever sees
 * images. This module is loaded only when a facilitator picks a PDF: pdf.js and its worker are bundled
 * by Vite as separate files, never fetched from elsewhere.
 */
import { GlobalWorkerOptions, getDocument } from "pdfjs-dist";
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";
import { SLIDE_MAX_BYTES } from "../../../../shared/protocol/consultation-messages.ts";

GlobalWorkerOptions.workerSrc = workerUrl;

/** Width of a rendered page in pixels: sharp on the big screen, well under the upload limit. */
const PAGE_WIDTH = 1600;

/** Why a PDF gave no slides: not readable as a PDF, or more pages than there is room for. */
export class PdfSlidesError extends Error {
  readonly code: "broken_pdf" | "too_many_pages";
  /** The PDF's page count (for `too_many_pages`). */
  readonly pages: number;

  constructor(code: "broken_pdf" | "too_many_pages", pages = 0) {
    super(code);
    this.code = code;
    this.pages = pages;
  }
}

function canvasBlob(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error("The page could not be encoded."))),
      type,
      quality,
    ),
  );
}

/**
 * Renders every page of `file` and hands each image to `onPage` (page number from 1, page count) in
 * order, waiting for it before the next. Throws `PdfSlidesError` for a broken PDF or one with more
 * than `maxPages` pages (nothing is rendered then).
 */
export async function renderPdfSlides(
  file: Blob,
  maxPages: number,
  onPage: (image: Blob, page: number, pages: number) => Promise<void>,
): Promise<void> {
  const task = getDocument({ data: new Uint8Array(await file.arrayBuffer()) });
  let pdf: Awaited<typeof task.promise>;
  try {
    pdf = await task.promise;
  } catch {
    await task.destroy();
    throw new PdfSlidesError("broken_pdf");
  }
  try {
    const pages = pdf.numPages;
    if (pages < 1) throw new PdfSlidesError("broken_pdf");
    if (pages > maxPages) throw new PdfSlidesError("too_many_pages", pages);
    const canvas = document.createElement("canvas");
    for (let number = 1; number <= pages; number++) {
      let image: Blob;
      try {
        const page = await pdf.getPage(number);
        const unscaled = page.getViewport({ scale: 1 });
        const viewport = page.getViewport({ scale: PAGE_WIDTH / unscaled.width });
        canvas.width = Math.round(viewport.width);
        canvas.height = Math.round(viewport.height);
        // Slides are opaque: pages without a background would otherwise come out transparent.
        await page.render({ canvas, viewport, background: "#ffffff" }).promise;
        page.cleanup();
        image = await canvasBlob(canvas, "image/png");
        if (image.size > SLIDE_MAX_BYTES) image = await canvasBlob(canvas, "image/jpeg", 0.85);
      } catch (error) {
        if (error instanceof PdfSlidesError) throw error;
        throw new PdfSlidesError("broken_pdf");
      }
      await onPage(image, number, pages);
    }
  } finally {
    await task.destroy();
  }
}

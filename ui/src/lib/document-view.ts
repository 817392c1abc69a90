// Showing a document of a case inside the window: PDFs through Mozilla's pdf.js (bundled, its
// worker a file of the app itself; nothing loaded from outside), pictures drawn onto a canvas.
// The bytes come from the shell's binary reply and stay in memory; no file is written. Nothing in a
// PDF runs: no scripting sandbox, no annotation or form layer, no XFA.
import {
  getDocument,
  GlobalWorkerOptions,
  PDFDataRangeTransport,
  type PDFDocumentProxy,
  type RenderTask,
} from "pdfjs-dist";
import type { DocumentInitParameters } from "pdfjs-dist/types/src/display/api";
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";
// The decoders pdf.js loads for fax and JBIG2 (black-and-white scans) and JPEG 2000 images,
// as plain JavaScript (the WebAssembly builds would need 'wasm-unsafe-eval' in the CSP); both
// land in one folder under their own names (vite.config.ts).
import jbig2Url from "pdfjs-dist/wasm/jbig2_nowasm_fallback.js?url";
import "pdfjs-dist/wasm/openjpeg_nowasm_fallback.js?url";

GlobalWorkerOptions.workerSrc = workerUrl;

/** Why a PDF cannot be shown, in German; null when it can. */
export function pdfProblem(e: unknown): string {
  const name = (e as { name?: string } | null)?.name ?? "";
  if (name === "PasswordException")
    return "Dieses PDF ist mit einem Passwort geschützt und kann hier nicht angezeigt werden. Es ist unverändert gespeichert; über „Kopie speichern …“ lässt es sich mit dem Passwort in einem anderen Programm öffnen.";
  if (name === "InvalidPDFException")
    return "Dieses PDF ist beschädigt und wird nicht angezeigt. Bitte fordern Sie das Dokument neu an und ersetzen Sie die Anlage.";
  return `Das PDF kann nicht angezeigt werden (${name || "unbekannter Fehler"}). Es ist unverändert gespeichert.`;
}

/** What every PDF is opened with: nothing runs, the first error stops it, decoders bundled. */
function safely(source: DocumentInitParameters): DocumentInitParameters {
  return {
    ...source,
    enableXfa: false,
    stopAtErrors: true,
    disableAutoFetch: true,
    disableStream: true,
    useWorkerFetch: false,
    // The decoders' folder, absolute: the worker resolves it against its own address.
    useWasm: false,
    wasmUrl: new URL(".", new URL(jbig2Url, document.baseURI)).href,
  };
}

/** Opens a PDF from memory; stops at the first error rather than show a damaged page wrongly. */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  return await getDocument(safely({ data: bytes })).promise;
}

/** Reads the bytes `begin..end` of the document being opened. */
export type ReadRange = (begin: number, end: number) => Promise<Uint8Array>;

/**
 * Opens a PDF of `length` bytes that stays in the case file: pdf.js asks `read` for the
 * ranges it needs (the cross-reference table, then the objects of the page it draws), so the
 * first page shows before the whole document has arrived. A range that cannot be read
 * rejects the opening, or, once open, is passed to `failed` (pdf.js itself would wait on).
 */
export async function openPdfInRanges(
  length: number,
  read: ReadRange,
  failed: (e: unknown) => void,
): Promise<PDFDocumentProxy> {
  let opening = true;
  let refuse: (e: unknown) => void = () => {};
  const refused = new Promise<never>((_, reject) => (refuse = reject));
  class CaseFileRanges extends PDFDataRangeTransport {
    // Set when pdf.js lets go of the document: a range arriving later is dropped.
    ended = false;
    requestDataRange(begin: number, end: number) {
      read(begin, end).then(
        (chunk) => {
          if (!this.ended) this.onDataRange(begin, chunk);
        },
        (e) => {
          if (this.ended) return;
          if (opening) refuse(e);
          else failed(e);
        },
      );
    }
    abort() {
      this.ended = true;
    }
  }
  const task = getDocument(safely({ range: new CaseFileRanges(length, null) }));
  try {
    return await Promise.race([task.promise, refused]);
  } catch (e) {
    await task.destroy();
    throw e;
  } finally {
    opening = false;
  }
}

/** A drawing under way: settles when drawn, and can be stopped. */
export type Drawing = { promise: Promise<void>; cancel: () => void };

/** Draws page `number` (from 1) of `pdf` onto `canvas` at `scale` (1 = 100 %). */
export function drawPage(pdf: PDFDocumentProxy, number: number, scale: number, canvas: HTMLCanvasElement): Drawing {
  let task: RenderTask | null = null;
  let stopped = false;
  const promise = pdf.getPage(number).then(async (page) => {
    if (stopped) return;
    const ratio = window.devicePixelRatio || 1;
    const viewport = page.getViewport({ scale: scale * ratio });
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
    canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
    task = page.render({ canvas, viewport });
    await task.promise;
  });
  return {
    promise,
    cancel: () => {
      stopped = true;
      task?.cancel();
    },
  };
}

/** Whether a drawing ended because it was stopped (a newer page or zoom was asked for). */
export function wasCancelled(e: unknown): boolean {
  return (e as { name?: string } | null)?.name === "RenderingCancelledException";
}

/** A picture (JPEG, PNG) decoded once, for drawing; a TIFF comes as a PDF of its pages. */
export async function openPicture(bytes: Uint8Array, mime: string): Promise<ImageBitmap> {
  return await createImageBitmap(new Blob([bytes as BlobPart], { type: mime }));
}

/** Draws a picture onto `canvas` at `scale`. */
export function drawPicture(picture: ImageBitmap, scale: number, canvas: HTMLCanvasElement) {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.max(1, Math.floor(picture.width * scale * ratio));
  canvas.height = Math.max(1, Math.floor(picture.height * scale * ratio));
  canvas.style.width = `${Math.floor(picture.width * scale)}px`;
  canvas.style.height = `${Math.floor(picture.height * scale)}px`;
  const context = canvas.getContext("2d");
  context?.drawImage(picture, 0, 0, canvas.width, canvas.height);
}

// Showing a document of a case inside the window: PDFs through Mozilla's pdf.js (bundled, its
// worker a file of the app itself; nothing loaded from outside), pictures drawn onto a canvas.
// The bytes come from the shell's binary reply and stay in memory; no file is written. Nothing in a
// PDF runs: no scripting sandbox, no annotation or form layer, no XFA.
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from "pdfjs-dist";
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";

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

/** Opens a PDF from memory; stops at the first error rather than show a damaged page wrongly. */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const task = getDocument({
    data: bytes,
    enableXfa: false,
    stopAtErrors: true,
    disableAutoFetch: true,
    disableStream: true,
    useWorkerFetch: false,
  });
  return await task.promise;
}

/** Draws page `number` (from 1) of `pdf` onto `canvas` at `scale` (1 = 100 %). */
export async function drawPage(pdf: PDFDocumentProxy, number: number, scale: number, canvas: HTMLCanvasElement) {
  const page = await pdf.getPage(number);
  const ratio = window.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale: scale * ratio });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
  canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
  await page.render({ canvas, viewport }).promise;
}

/** A picture (JPEG, PNG; TIFF where the webview decodes it) decoded once, for drawing. */
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

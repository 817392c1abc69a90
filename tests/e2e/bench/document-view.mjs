// Showing a 20 MB PDF in the window: from the click on "Ansehen" until pdf.js has drawn page 1
// (pdf.js asks for the ranges of the file it needs, the core reads them from the BLOB, pdf.js
// parses and draws), and until the whole document has been checked against its SHA-256.
// The PDF is like a colour scan: three pages, each a 1500 × 1500 RGB image (6.75 MB) and a
// line of text, and a 16-page one of 48 MB. Added through `hfk anlage-hinzufuegen`, each viewed six times.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import {
  choose,
  click,
  createFileAsAdministrator,
  defaultFile,
  launch,
  openPart,
  sandboxHome,
  textOf,
  type,
  waitForHeading,
  waitForLockFree,
} from "../lib/harness.mjs";

const USER = "Bench";
const PASSWORD = "Kiefernwald-Uckermark-Fähre-42";
const home = sandboxHome();

function day(offset) {
  const p = (n) => String(n).padStart(2, "0");
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()}`;
}

/** A "scan" of `count` pages: each page one raw RGB image of `side` × `side` and a line of text. */
function scan(count, side) {
  const parts = [];
  const offsets = [];
  let length = 0;
  const add = (chunk) => {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk, "latin1") : chunk;
    parts.push(buffer);
    length += buffer.length;
  };
  const object = (n, body) => {
    offsets[n] = length;
    add(`${n} 0 obj\n`);
    for (const piece of body) add(piece);
    add("\nendobj\n");
  };
  add("%PDF-1.4\n");
  object(1, ["<< /Type /Catalog /Pages 2 0 R >>"]);
  const kids = Array.from({ length: count }, (_, page) => `${4 + page * 3} 0 R`).join(" ");
  object(2, [`<< /Type /Pages /Kids [${kids}] /Count ${count} >>`]);
  object(3, ["<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]);
  for (let page = 0; page < count; page++) {
    const n = 4 + page * 3;
    const content = `q 500 0 0 500 47 300 cm /Im0 Do Q BT /F1 18 Tf 72 800 Td (Gutachten Seite ${page + 1}) Tj ET`;
    object(n, [`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << /Im0 ${n + 2} 0 R >> >> /Contents ${n + 1} 0 R >>`]);
    object(n + 1, [`<< /Length ${content.length} >>\nstream\n${content}\nendstream`]);
    const pixels = randomBytes(side * side * 3);
    object(n + 2, [`<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length ${pixels.length} >>\nstream\n`, pixels, "\nendstream"]);
  }
  const xref = length;
  const size = 4 + count * 3;
  add(`xref\n0 ${size}\n0000000000 65535 f \n`);
  for (let n = 1; n < size; n++) add(`${String(offsets[n]).padStart(10, "0")} 00000 n \n`);
  add(`trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}

const setup = await launch({ home });
const b0 = setup.browser;
await createFileAsAdministrator(b0, USER, PASSWORD);
await click(b0, "button[data-bereich=faelle]");
await waitForHeading(b0, "Fälle");
await click(b0, "#neuer-fall");
await type(b0, "#fall-eingang", day(-3));
const ib = await b0.$("#fall-eingebracht-von option:nth-child(2)");
await choose(b0, "#fall-eingebracht-von", await ib.getAttribute("value"));
await type(b0, "#fall-eingebracht-am", day(-2));
await click(b0, "#fall-speichern");
await b0.waitUntil(async () => /^HFK-\d{4}-001/.test(await textOf(b0, "h1")));
const number = (await textOf(b0, "h1")).slice(0, 12);
await setup.stop();

// The 20 MB scan of three pages, and a long one of 16 pages (48 MB, just below the limit).
const documents = [
  { title: "Gutachten", bytes: scan(3, 1500), pages: 3 },
  { title: "Langes Gutachten", bytes: scan(16, 1000), pages: 16 },
];
const hfk = path.join(path.dirname(process.env.HFK_E2E_APP), "hfk");
waitForLockFree(`${defaultFile(home)}.lock`);
for (const { title, bytes } of documents) {
  const file = path.join(home, `${title}.pdf`);
  writeFileSync(file, bytes);
  execFileSync(hfk, ["anlage-hinzufuegen", defaultFile(home), number, file, "--art", "aerztliche_stellungnahme", "--benutzer", USER], {
    input: `${PASSWORD}\n`,
  });
}

const app = await launch({ home });
const b = app.browser;
await waitForHeading(b, "Akte entsperren");
await type(b, "#benutzername", USER);
await type(b, "#passwort", PASSWORD);
await click(b, "#entsperren");
await waitForHeading(b, "Übersicht");
await click(b, "button[data-bereich=faelle]");
await waitForHeading(b, "Fälle");
await click(b, `tr[data-fall="${number}"] button`);
await openPart(b, "anlagen");
await (await b.$("button[id^=anlage-ansehen-]")).waitForDisplayed({ timeout: 10000 });

const median = (xs) => [...xs].sort((a, c) => a - c)[Math.floor(xs.length / 2)];
const seconds = (xs) => `${(median(xs) / 1000).toFixed(2)} s`;
for (const { title, bytes, pages } of documents) {
  const id = await (await b.$(`//tr[.//bdi[.='${title}']]`)).getAttribute("data-anlage");
  const times = [];
  const checked = [];
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    await click(b, `#anlage-ansehen-${id}`);
    await b.waitUntil(async () => (await (await b.$("#anlage-leinwand")).getAttribute("data-gezeichnet")) === "1:1", { timeout: 60000, interval: 20 });
    times.push(performance.now() - t0);
    await b.waitUntil(async () => (await (await b.$("#anlage-ansicht")).getAttribute("data-geprueft")) === "ja", { timeout: 60000, interval: 20 });
    checked.push(performance.now() - t0);
    await click(b, "#anlage-ansicht-schliessen");
  }
  // The first opening also loads pdf.js itself.
  times.shift();
  checked.shift();
  const what = `a ${(bytes.length / 1e6).toFixed(1)} MB PDF (${pages} scanned pages)`;
  console.log(`| ${what}: click on „Ansehen“ until page 1 is drawn, median of 5 | ${seconds(times)} |`);
  console.log(`| ${what}: until the whole document is checked against its SHA-256 | ${seconds(checked)} |`);
}
await app.stop();

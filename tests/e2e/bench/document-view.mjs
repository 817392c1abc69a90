// Showing a 20 MB PDF in the window: from the click on "Ansehen" until pdf.js has drawn page 1
// (the command reads and checks the document, base64 to the page, decoded, parsed, drawn).
// The PDF is like a colour scan: three pages, each a 1500 × 1500 RGB image (6.75 MB) and a
// line of text. Added through `hfk anlage-hinzufuegen`, viewed five times.
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

/** A three-page "scan": each page one raw RGB image and a line of text. */
function scan() {
  const side = 1500;
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
  object(2, ["<< /Type /Pages /Kids [4 0 R 7 0 R 10 0 R] /Count 3 >>"]);
  object(3, ["<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]);
  for (let page = 0; page < 3; page++) {
    const n = 4 + page * 3;
    const content = `q 500 0 0 500 47 300 cm /Im0 Do Q BT /F1 18 Tf 72 800 Td (Gutachten Seite ${page + 1}) Tj ET`;
    object(n, [`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << /Im0 ${n + 2} 0 R >> >> /Contents ${n + 1} 0 R >>`]);
    object(n + 1, [`<< /Length ${content.length} >>\nstream\n${content}\nendstream`]);
    const pixels = randomBytes(side * side * 3);
    object(n + 2, [`<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length ${pixels.length} >>\nstream\n`, pixels, "\nendstream"]);
  }
  const xref = length;
  add(`xref\n0 13\n0000000000 65535 f \n`);
  for (let n = 1; n <= 12; n++) add(`${String(offsets[n]).padStart(10, "0")} 00000 n \n`);
  add(`trailer\n<< /Size 13 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
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

const file = path.join(home, "Gutachten.pdf");
const bytes = scan();
writeFileSync(file, bytes);
const hfk = path.join(path.dirname(process.env.HFK_E2E_APP), "hfk");
waitForLockFree(`${defaultFile(home)}.lock`);
execFileSync(hfk, ["anlage-hinzufuegen", defaultFile(home), number, file, "--art", "aerztliche_stellungnahme", "--benutzer", USER], {
  input: `${PASSWORD}\n`,
});

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
const button = await b.$("button[id^=anlage-ansehen-]");
await button.waitForDisplayed({ timeout: 10000 });
const id = await button.getAttribute("id");

const times = [];
for (let i = 0; i < 6; i++) {
  const t0 = performance.now();
  await click(b, `#${id}`);
  await b.waitUntil(async () => (await (await b.$("#anlage-leinwand")).getAttribute("data-gezeichnet")) === "1:1", { timeout: 60000, interval: 20 });
  times.push(performance.now() - t0);
  await click(b, "#anlage-ansicht-schliessen");
}
await app.stop();
times.shift(); // the first opening also loads pdf.js itself
const median = (xs) => [...xs].sort((a, c) => a - c)[Math.floor(xs.length / 2)];
console.log(`| a ${(bytes.length / 1e6).toFixed(1)} MB PDF (3 scanned pages): click on „Ansehen“ until page 1 is drawn, median of 5 | ${(median(times) / 1000).toFixed(2)} s |`);

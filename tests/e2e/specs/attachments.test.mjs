// Anlagen through the real window: a three-page PDF and a JPEG chosen in the shell's own file
// dialog, described and added; page 2 of the PDF viewed in the window (pdf.js, nothing
// written to disk); a renamed text file refused with its German message; a new version and a
// removal with its reason; then the command line lists what the window stored and adds a
// third document.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import {
  answerFileDialog,
  bytesOnDisk,
  choose,
  chooseText,
  click,
  createFileAsAdministrator,
  defaultFile,
  launch,
  openPart,
  shotDir,
  sandboxHome,
  stopAll,
  textOf,
  type,
  waitForHeading,
  waitForLockFree,
  waitForText,
} from "../lib/harness.mjs";

const home = sandboxHome();
const ADMIN = "Andrea-Maria Petrlić-Woelke";
const PASSWORD = "Kiefernwald-Uckermark-Fähre-42";
const MARKER = "Schulbescheinigung-Eberswalde-Seite";
let app = null;

after(stopAll);

function typedDay(offset) {
  const p = (n) => String(n).padStart(2, "0");
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()}`;
}

/** A PDF of the given pages, text uncompressed, written as a scanner's software would. */
function pdf(pages) {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${pages.map((_, i) => `${4 + 2 * i} 0 R`).join(" ")}] /Count ${pages.length} >>`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  pages.forEach((text, i) => {
    const content = `BT /F1 28 Tf 72 700 Td (${text}) Tj ET`;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + 2 * i} 0 R >>`);
    objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  });
  let out = "%PDF-1.4\n";
  const offsets = objects.map((object, i) => {
    const at = Buffer.byteLength(out);
    out += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) out += `${String(at).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

function documents() {
  const folder = path.join(home, "Scans");
  execFileSync("mkdir", ["-p", folder]);
  const schule = path.join(folder, "Schulbescheinigung Mila.pdf");
  writeFileSync(schule, pdf([`${MARKER} 1`, `${MARKER} 2`, `${MARKER} 3`]));
  const foto = path.join(folder, "Zeugnis-Foto.jpg");
  execFileSync("convert", ["-size", "480x320", "gradient:skyblue-navy", foto]);
  const renamed = path.join(folder, "Stellungnahme.pdf");
  writeFileSync(renamed, "Sehr geehrte Damen und Herren, dies ist kein PDF.");
  const neu = path.join(folder, "Schulbescheinigung Mila (neu).pdf");
  writeFileSync(neu, pdf([`${MARKER} neu`]));
  // A black-and-white scan as office scanners write it: the page one CCITT fax image
  // (Ghostscript encodes 1-bit images so).
  const script = path.join(folder, "fax.ps");
  writeFileSync(
    script,
    "%!PS\n72 300 translate 450 300 scale\n1600 1000 1 [1600 0 0 -1000 0 1000]\n{ <FF00F0F00FFF0000FF00F0F00FFF0000> } image\nshowpage\n",
  );
  const fax = path.join(folder, "Fax der Ausländerbehörde.pdf");
  execFileSync("gs", ["-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite", `-sOutputFile=${fax}`, script]);
  assert.match(execFileSync("pdfimages", ["-list", fax]).toString(), /ccitt/);
  // A two-page TIFF as a scanner writes it: bilevel, CCITT group 4.
  const tiff = path.join(folder, "Mietvertrag.tif");
  const first = path.join(folder, "s1.png");
  const second = path.join(folder, "s2.png");
  execFileSync("convert", ["-size", "800x500", "xc:white", "-fill", "black", "-draw", "rectangle 50,50 750,450", first]);
  execFileSync("convert", ["-size", "800x500", "xc:white", "-fill", "black", "-draw", "circle 400,250 400,50", second]);
  execFileSync("convert", [first, second, "-monochrome", "-compress", "Group4", tiff]);
  // A letter sent as a password-protected PDF (AES-256): stored, but not shown.
  const locked = path.join(folder, "Arztbrief (Passwort).pdf");
  execFileSync("qpdf", ["--encrypt", "Praxis-Cottbus", "Praxis-Cottbus-Besitzer", "256", "--", schule, locked]);
  // A photo a phone took on its side: stored 400 × 200 (red left, blue right), its EXIF
  // orientation 6 saying "turn a quarter clockwise" (an APP1 segment put in after SOI).
  const sideways = path.join(folder, "Mietvertrag-Foto.jpg");
  execFileSync("convert", ["-size", "200x200", "xc:red", "-size", "200x200", "xc:blue", "+append", sideways]);
  const jpeg = readFileSync(sideways);
  const app1 = Buffer.concat([
    Buffer.from([0xff, 0xe1, 0, 34]),
    Buffer.from("Exif\0\0MM\0\x2A\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0", "latin1"),
  ]);
  writeFileSync(sideways, Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]));
  return { schule, foto, renamed, neu, fax, tiff, locked, sideways };
}

/** How many pixels of the viewer's canvas are dark: what pdf.js has drawn. */
async function darkPixels(b) {
  return await b.execute(() => {
    const canvas = document.getElementById("anlage-leinwand");
    const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 128 && data[i + 3] > 0) dark++;
    return dark;
  });
}

async function addThroughDialog(b, file, kind) {
  await click(b, "#anlagen-waehlen");
  answerFileDialog("Dokumente hinzufügen", file);
  const form = await b.$("form.anlage-formular");
  await form.waitForDisplayed({ timeout: 10000 });
  const id = await form.getAttribute("id");
  await choose(b, `#${id}-art`, kind);
  return id;
}

describe("Anlagen through the real window", () => {
  it("adds a PDF and a JPEG through the dialog, shows page 2, refuses a renamed file, replaces and removes", async () => {
    const files = documents();
    app = await launch({ home });
    const b = app.browser;
    await createFileAsAdministrator(b, ADMIN, PASSWORD);
    await click(b, "button[data-bereich=faelle]");
    await waitForHeading(b, "Fälle");
    await click(b, "#neuer-fall");
    await type(b, "#fall-eingang", typedDay(-3));
    const ib = await b.$("#fall-eingebracht-von option:nth-child(2)");
    await choose(b, "#fall-eingebracht-von", await ib.getAttribute("value"));
    await type(b, "#fall-eingebracht-am", typedDay(-2));
    await click(b, "#fall-speichern");
    await b.waitUntil(async () => /^HFK-\d{4}-001/.test(await textOf(b, "h1")), { timeoutMsg: "case page not shown" });
    const number = (await textOf(b, "h1")).slice(0, 12);
    await openPart(b, "haertegruende");
    await click(b, "#haertegrund-hinzufuegen");
    await choose(b, "#grund-art", "schule_ausbildung");
    await type(b, "#grund-beschreibung", "Mila besucht die 8. Klasse der Oberschule Eberswalde.");
    await click(b, "#grund-speichern");
    await waitForText(b, "#haertegruende", /Oberschule Eberswalde/);
    await openPart(b, "anlagen");
    await waitForText(b, "#anlagen-keine", /noch keine Dokumente/);

    // The PDF, marked for the session.
    let form = await addThroughDialog(b, files.schule, "nachweis");
    assert.match(await textOf(b, `#${form}`), /Schulbescheinigung Mila\.pdf/);
    await click(b, `#${form}-sitzung`);
    // The document proves the ground just recorded.
    await click(b, `#${form} fieldset input[type=checkbox]`);
    await click(b, `#${form}-speichern`);
    await waitForText(b, "#anlage-erledigt", /Hinzugefügt: „Schulbescheinigung Mila“ \(Nachweis, PDF/);

    // A text file named .pdf is refused by its content, in German, and nothing is added.
    form = await addThroughDialog(b, files.renamed, "sonstiges");
    await click(b, `#${form}-speichern`);
    const refused = await waitForText(b, `#${form} [role=alert]`, /Datei:/);
    assert.match(refused, /kein PDF, JPEG, PNG oder TIFF \(gleich, wie sie heißt\)/);
    await app.shot("40-anlage-abgelehnt");
    await click(b, `#${form} .aktionen button.zweitrangig`);

    form = await addThroughDialog(b, files.foto, "nachweis");
    await type(b, `#${form}-titel-feld`, "Zeugnis Klasse 8 (Foto)");
    await click(b, `#${form}-speichern`);
    await waitForText(b, "#anlage-erledigt", /Hinzugefügt: „Zeugnis Klasse 8 \(Foto\)“ \(Nachweis, JPEG/);
    const rows = await waitForText(b, "#anlagen-liste", /Zeugnis Klasse 8/);
    assert.match(rows, /Schulbescheinigung Mila\nbelegt: Schule und Ausbildung/);
    assert.equal(await (await b.$$("#anlagen-liste tbody tr")).length, 2);

    // Page 2 of the PDF, drawn by pdf.js inside the window.
    const pdfRow = await b.$("//tr[.//bdi[.='Schulbescheinigung Mila']]");
    const pdfId = await pdfRow.getAttribute("data-anlage");
    assert.equal(await (await b.$(`#anlage-sitzung-${pdfId}`)).isSelected(), true);
    await click(b, `#anlage-ansehen-${pdfId}`);
    await waitForText(b, "#seite-anzeige", /^Seite 1 von 3$/, 20000);
    await click(b, "#anlage-seite-vor");
    await waitForText(b, "#seite-anzeige", /^Seite 2 von 3$/);
    await b.waitUntil(async () => (await (await b.$("#anlage-leinwand")).getAttribute("data-gezeichnet")) === "2:1", {
      timeoutMsg: "page 2 was not drawn",
    });
    const inked = await darkPixels(b);
    assert.ok(inked > 100, `page 2 shows text (${inked} dark pixels)`);
    // Read in ranges, then checked whole against its SHA-256 once page 1 was drawn.
    await b.waitUntil(async () => (await (await b.$("#anlage-ansicht")).getAttribute("data-geprueft")) === "ja", {
      timeoutMsg: "the document was not checked whole",
    });
    await click(b, "#ansicht-groesser");
    await waitForText(b, "#ansicht-groesse", /^125 %$/);
    await app.shot("41-anlage-seite-2");
    await click(b, "#anlage-ansicht-schliessen");

    // The picture is drawn too.
    const fotoRow = await b.$("//tr[.//bdi[.='Zeugnis Klasse 8 (Foto)']]");
    const fotoId = await fotoRow.getAttribute("data-anlage");
    await click(b, `#anlage-ansehen-${fotoId}`);
    await b.waitUntil(async () => (await (await b.$("#anlage-leinwand")).getAttribute("data-gezeichnet")) === "1:1", {
      timeoutMsg: "the picture was not drawn",
    });
    await click(b, "#anlage-ansicht-schliessen");

    // The ground links to its evidence: the link opens the document in the viewer.
    await openPart(b, "haertegruende");
    await click(b, `[data-beleg="${pdfId}"]`);
    await waitForText(b, "#seite-anzeige", /^Seite 1 von 3$/, 20000);
    assert.match(await textOf(b, "#anlage-ansicht-titel"), /Nachweis: Schulbescheinigung Mila/);
    await click(b, "#anlage-ansicht-schliessen");

    // A fax-encoded scan is drawn too (pdf.js's fax decoder, bundled, loaded by the worker).
    form = await addThroughDialog(b, files.fax, "stellungnahme_abh");
    await click(b, `#${form}-speichern`);
    await waitForText(b, "#anlage-erledigt", /Hinzugefügt: „Fax der Ausländerbehörde“/);
    const faxId = await (await b.$("//tr[.//bdi[.='Fax der Ausländerbehörde']]")).getAttribute("data-anlage");
    await click(b, `#anlage-ansehen-${faxId}`);
    await b.waitUntil(async () => (await (await b.$("#anlage-leinwand")).getAttribute("data-gezeichnet")) === "1:1", {
      timeout: 20000,
      timeoutMsg: "the fax page was not drawn",
    });
    const faxInk = await darkPixels(b);
    assert.ok(faxInk > 10000, `the fax image is drawn (${faxInk} dark pixels)`);
    assert.equal(await (await b.$("#anlage-ansicht [role=alert]")).isExisting(), false);
    await app.shot("41b-anlage-fax");
    await click(b, "#anlage-ansicht-schliessen");

    // A multi-page TIFF is shown page by page (the shell hands its pages over as a PDF).
    form = await addThroughDialog(b, files.tiff, "sonstiges");
    await click(b, `#${form}-speichern`);
    await waitForText(b, "#anlage-erledigt", /Hinzugefügt: „Mietvertrag“ \(Sonstiges, TIFF/);
    const tiffId = await (await b.$("//tr[.//bdi[.='Mietvertrag']]")).getAttribute("data-anlage");
    await click(b, `#anlage-ansehen-${tiffId}`);
    await waitForText(b, "#seite-anzeige", /^Seite 1 von 2$/, 20000);
    await click(b, "#anlage-seite-vor");
    await b.waitUntil(async () => (await (await b.$("#anlage-leinwand")).getAttribute("data-gezeichnet")) === "2:1", {
      timeoutMsg: "page 2 of the TIFF was not drawn",
    });
    // A black disc on white: about a third of the page dark (two thirds if drawn inverted).
    const disc = (await darkPixels(b)) / (await b.execute(() => document.getElementById("anlage-leinwand").width * document.getElementById("anlage-leinwand").height));
    assert.ok(disc > 0.2 && disc < 0.45, `the TIFF's second page is drawn black on white (${(disc * 100).toFixed(0)} % dark)`);
    await app.shot("41c-anlage-tiff");
    await click(b, "#anlage-ansicht-schliessen");

    // A password-protected PDF is stored; the viewer says it cannot show it, and why.
    form = await addThroughDialog(b, files.locked, "aerztliche_stellungnahme");
    await click(b, `#${form}-speichern`);
    await waitForText(b, "#anlage-erledigt", /Hinzugefügt: „Arztbrief \(Passwort\)“/);
    const lockedId = await (await b.$("//tr[.//bdi[.='Arztbrief (Passwort)']]")).getAttribute("data-anlage");
    await click(b, `#anlage-ansehen-${lockedId}`);
    const said = await waitForText(b, "#anlage-ansicht [role=alert]", /Passwort/, 20000);
    assert.match(said, /mit einem Passwort geschützt und kann hier nicht angezeigt werden\. Es ist unverändert gespeichert/);
    assert.equal(await (await b.$("#anlage-leinwand")).isExisting(), false);
    await app.shot("41d-anlage-passwort");
    await click(b, "#anlage-ansicht-schliessen");

    // A photo taken on its side is shown upright (as its EXIF says), and marked for the binder.
    form = await addThroughDialog(b, files.sideways, "nachweis");
    await click(b, `#${form}-sitzung`);
    await click(b, `#${form}-speichern`);
    await waitForText(b, "#anlage-erledigt", /Hinzugefügt: „Mietvertrag-Foto“/);
    const photoId = await (await b.$("//tr[.//bdi[.='Mietvertrag-Foto']]")).getAttribute("data-anlage");
    await click(b, `#anlage-ansehen-${photoId}`);
    await b.waitUntil(async () => (await (await b.$("#anlage-leinwand")).getAttribute("data-gezeichnet")) === "1:1", {
      timeoutMsg: "the photo was not drawn",
    });
    const upright = await b.execute(() => {
      const canvas = document.getElementById("anlage-leinwand");
      const top = canvas.getContext("2d").getImageData(Math.floor(canvas.width / 2), 2, 1, 1).data;
      return { width: canvas.width, height: canvas.height, top: [...top.slice(0, 3)] };
    });
    assert.ok(upright.height > upright.width, `the photo stands upright (${upright.width} × ${upright.height})`);
    assert.ok(upright.top[0] > 180 && upright.top[2] < 80, `red on top (${upright.top})`);
    await click(b, "#anlage-ansicht-schliessen");

    // Viewing wrote no file anywhere in the sandbox: only the case file and its companions.
    const stray = readdirSync(home, { recursive: true }).filter((f) => /\.(pdf|jpe?g)$/i.test(f) && !String(f).startsWith("Scans"));
    assert.deepEqual(stray, []);
    assert.equal(bytesOnDisk(defaultFile(home)).includes(Buffer.from(MARKER)), false);
    // As `strings` would: no file in the home (the case file, its companions, WebKit's
    // caches and storage), outside the folder of the originals, holds a document's text.
    const holding = readdirSync(home, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name))
      .filter((file) => !file.startsWith(path.join(home, "Scans")))
      .filter((file) => readFileSync(file).includes(Buffer.from(MARKER)));
    assert.deepEqual(holding, []);

    // A new version, then the removal with its reason.
    await click(b, `#anlage-ersetzen-${pdfId}`);
    answerFileDialog("Dokumente hinzufügen", files.neu);
    await click(b, "#anlage-fassung-speichern");
    await waitForText(b, "#anlage-erledigt", /liegt jetzt in Fassung 2 vor/);

    // The marked document goes into the Sitzungsmappe: the case admitted, put on a session's
    // agenda, the binder saved through the dialog and read with qpdf and pdftotext.
    await openPart(b, "personen");
    await click(b, "#person-hinzufuegen");
    await choose(b, "#person-rolle", "hauptperson");
    await type(b, "#person-familienname", "Petrlić-Woelke");
    await type(b, "#person-vornamen", "Mila");
    await choose(b, "#person-staat", "BA");
    await click(b, "#person-speichern");
    await b.waitUntil(async () => (await b.$$("#personen tbody tr")).length === 1, { timeoutMsg: "person not saved" });
    await openPart(b, "vorpruefung");
    await click(b, "#vorpruefung-erfassen");
    await click(b, "#vorpruefung-speichern");
    await b.waitUntil(async () => (await textOf(b, "#fall-stand")) === "Angenommen", { timeoutMsg: "not admitted" });
    await click(b, "button[data-bereich=sitzungen]");
    await waitForHeading(b, "Sitzungen");
    await click(b, "#neue-sitzung");
    await waitForHeading(b, "Sitzung planen");
    await type(b, "#sitzung-tag", typedDay(14));
    await type(b, "#sitzung-beginn", "10:00");
    await type(b, "#sitzung-ort", "Potsdam");
    await click(b, "#sitzung-speichern");
    await waitForText(b, "h1", /^Sitzung 1\/\d{4}/);
    await chooseText(b, "#fall-aufnehmen", number);
    await click(b, "#fall-aufnehmen-knopf");
    await waitForText(b, "#tagesordnung", new RegExp(number));
    const binder = path.join(home, "Sitzungsmappe.pdf");
    await click(b, "#export-mappe");
    answerFileDialog("PDF speichern", binder);
    await waitForText(b, "#dokumente", /Gespeichert: .*Sitzungsmappe\.pdf/, 20000);
    execFileSync("qpdf", ["--check", binder]);
    const outline = execFileSync("qpdf", ["--json", "--json-key=outlines", binder]).toString();
    assert.match(outline, new RegExp(`Anlage zu TOP 1 \\(${number}\\): Nachweis – Schulbescheinigung Mila`));
    assert.match(execFileSync("pdftotext", [binder, "-"]).toString(), new RegExp(`${MARKER} neu`));
    assert.match(outline, /Nachweis – Mietvertrag-Foto/);
    // MuPDF reads the same outline, each entry pointing at its page: the documents behind the
    // case's summary.
    const entries = execFileSync("mutool", ["show", binder, "outline"]).toString();
    const pageOf = (title) => Number(entries.match(new RegExp(`"${title}[^"]*"\\t#page=(\\d+)`))?.[1]);
    const summary = pageOf(`TOP 1: ${number}`);
    assert.ok(summary >= 2, entries);
    const photoPage = pageOf(`Anlage zu TOP 1 \\(${number}\\): Nachweis – Mietvertrag-Foto`);
    assert.ok(photoPage > summary, entries);
    // The photo is one page; the letter follows it.
    assert.equal(pageOf(`Anlage zu TOP 1 \\(${number}\\): Nachweis – Schulbescheinigung Mila`), photoPage + 1, entries);
    execFileSync("pdftoppm", ["-png", "-r", "50", binder, path.join(shotDir, "44-sitzungsmappe-seite")]);
    await app.shot("43-sitzungsmappe-mit-anlage");
    await click(b, "button[data-bereich=faelle]");
    await waitForHeading(b, "Fälle");
    await click(b, `tr[data-fall="${number}"] button`);
    await openPart(b, "anlagen");
    await waitForText(b, "#anlagen-liste", /Fassung 2/);
    const newId = await (await b.$("//tr[.//bdi[.='Schulbescheinigung Mila']]")).getAttribute("data-anlage");
    await click(b, `#anlage-entfernen-${newId}`);
    await click(b, "#anlage-entfernen-bestaetigen");
    await waitForText(b, "#anlage-entfernen [role=alert]", /Grund der Entfernung: Bitte ausfüllen/);
    await type(b, "#anlage-grund", "dem falschen Fall zugeordnet");
    await click(b, "#anlage-entfernen-bestaetigen");
    await waitForText(b, "#anlage-erledigt", /wurde entfernt/);
    await click(b, "#anlagen-verlauf summary");
    const history = await waitForText(b, "#anlagen-verlauf", /entfernt am .* dem falschen Fall zugeordnet/);
    assert.match(history, /Fassung 1/);
    await app.shot("42-anlagen-verlauf");
    await app.stop();

    // The command line sees what the window stored, and adds a third document.
    const hfk = path.join(path.dirname(process.env.HFK_E2E_APP), "hfk");
    waitForLockFree(`${defaultFile(home)}.lock`);
    const run = (args) => execFileSync(hfk, args, { input: `${PASSWORD}\n` }).toString();
    const listed = run(["anlagen", defaultFile(home), number, "--benutzer", ADMIN]);
    assert.match(listed, /Zeugnis Klasse 8 \(Foto\)\tJPEG/);
    assert.match(listed, /entfernt am .*dem falschen Fall zugeordnet/);
    assert.match(listed, /5 aktuelle Anlagen, 7 Einträge insgesamt/);
    const added = run(["anlage-hinzufuegen", defaultFile(home), number, files.schule, "--art", "antrag", "--benutzer", ADMIN]);
    assert.match(added, /„Schulbescheinigung Mila“ \(Antrag, PDF/);
    assert.match(run(["anlagen", defaultFile(home), number, "--benutzer", ADMIN]), /6 aktuelle Anlagen, 8 Einträge insgesamt/);
  });
});

// Übernahme alter Listen through the real window: a CSV in Windows-1252 chosen in the shell's
// dialog, two columns whose headings suggest nothing mapped by hand, the dry run reporting an
// unknown member as unclear, the member created by the answer, the report saved as PDF, the
// list taken over, and an imported person found by search.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import {
  answerFileDialog,
  choose,
  click,
  createFileAsAdministrator,
  launch,
  openPart,
  sandboxHome,
  stopAll,
  textOf,
  type,
  waitForHeading,
  waitForText,
} from "../lib/harness.mjs";

const home = sandboxHome();
const ADMIN = "Zeynep Yıldız";
const PASSWORD = "Spreewald-Kahn-Gurke-2026";
let app = null;

after(stopAll);

/** The list as an old office program wrote it: Windows-1252, semicolons, "Familie" and
 *  "Rufname" as headings no suggestion knows. */
function writeList() {
  const text = [
    "Familie;Rufname;Geburtsdatum;Staatsangehörigkeit;Eingang;eingebracht durch;Ergebnis;Sitzung",
    "Weiß;Ida;01.01.1990;syrisch;05.03.2019;Pfarrerin Jördis Kühn;Ersuchen;12.06.2019",
    "Müller;Jürgen;02.02.1985;türkisch;06.04.2019;Pfarrerin Jördis Kühn;;",
    "",
  ].join("\r\n");
  const file = path.join(home, "Härtefälle 2019.csv");
  writeFileSync(file, Buffer.from(text, "latin1"));
  return file;
}

describe("Übernahme alter Listen through the real window", () => {
  it("maps two columns by hand, answers an unknown member, and takes the list over", async () => {
    app = await launch({ home });
    const b = app.browser;
    await createFileAsAdministrator(b, ADMIN, PASSWORD);
    await click(b, "button[data-bereich=verwaltung]");
    await waitForHeading(b, "Verwaltung");
    await openPart(b, "uebernahme");

    const list = writeList();
    await click(b, "#liste-waehlen");
    answerFileDialog("Alte Liste wählen", list);
    await waitForText(b, "#liste-angaben", /CSV, Zeichenkodierung: Windows-1252.*2 Zeilen/);
    assert.match(await textOf(b, "#liste-vorschau"), /Weiß/);
    // Suggested from the headings; "Familie" and "Rufname" are left to the user.
    assert.equal(await (await b.$("#spalte-0")).getValue(), "ignorieren");
    assert.equal(await (await b.$("#spalte-4")).getValue(), "eingang");
    await choose(b, "#spalte-0", "familienname");
    await choose(b, "#spalte-1", "vornamen");
    await app.shot("60-uebernahme-zuordnung");

    await click(b, "#probelauf");
    await waitForText(b, "#probelauf-zahlen", /2 Zeilen: 0 anzulegen, 2 unklar, 0 abgelehnt/, 20000);
    assert.match(await textOf(b, "#unbekannt-mitglieder"), /„Pfarrerin Jördis Kühn“ \(2 Zeilen\)/);
    assert.equal(await (await b.$("#uebernehmen")).isEnabled(), false);
    await choose(b, "#mitglieder-0", "neu");
    await waitForText(b, "#probelauf-zahlen", /2 anzulegen, 0 unklar, 0 abgelehnt/, 20000);
    await app.shot("61-uebernahme-probelauf");

    const report = path.join(home, "Probelauf 2019.pdf");
    await click(b, "#bericht-speichern");
    answerFileDialog("Bericht des Probelaufs speichern", report);
    await waitForText(b, "#probelauf-ergebnis [data-testid=meldung-erfolg]", /Bericht gespeichert/, 20000);
    const pdf = execFileSync("pdftotext", ["-layout", report, "-"]).toString();
    assert.match(pdf, /Probelauf der Übernahme/);
    assert.match(pdf, /Weiß, Ida/);
    assert.match(pdf, /HFK-2019-001/);

    await waitForText(b, "#uebernehmen", /2 Fälle übernehmen/);
    await click(b, "#uebernehmen");
    await waitForText(b, "#uebernahme [data-testid=meldung-erfolg]", /Übernommen: 2 Fälle \(HFK-2019-001 bis HFK-2019-002\); 1 Mitglieder/, 20000);
    assert.match(await textOf(b, "#uebernahmen"), /Härtefälle 2019\.csv/);

    await click(b, "button[data-bereich=faelle]");
    await waitForHeading(b, "Fälle");
    await type(b, "#fall-suche", "Jurgen Muller");
    await b.waitUntil(async () => /1–1 von 1 Fällen/.test(await textOf(b, "[role=status]")), {
      timeoutMsg: "the imported person was not found",
    });
    assert.match(await textOf(b, 'tr[data-fall="HFK-2019-002"]'), /Müller, Jürgen/);
    await app.shot("62-uebernahme-gefunden");
  });
});

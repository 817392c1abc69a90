// Backup, restore and deletion periods through the real window: the start page reminds, a
// folder is chosen by typing its path, "Jetzt sichern" writes the backup, work goes on, and
// restoring shows what the backup holds before it replaces the file; afterwards the later
// case is gone. Then a case closed three years ago is due for deletion and loses its
// personal data after a confirmation.
import assert from "node:assert/strict";
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import {
  answerFileDialog,
  choose,
  click,
  createFileAsAdministrator,
  launch,
  sandboxHome,
  stopAll,
  textOf,
  type,
  waitForHeading,
  waitForText,
  openPart,
} from "../lib/harness.mjs";

const home = sandboxHome();
const ADMIN = "Мария Иванова";
const PASSWORD = "Kiefernwald-Uckermark-Fähre-42";
const folder = path.join(home, "Sicherungen");
let app = null;

after(stopAll);

async function newCase(b) {
  await click(b, "button[data-bereich=faelle]");
  await waitForHeading(b, "Fälle");
  await click(b, "#neuer-fall");
  await waitForHeading(b, "Neuer Fall");
  const ib = await b.execute(() => document.querySelector("#fall-eingebracht-von option:nth-child(2)").value);
  await choose(b, "#fall-eingebracht-von", ib);
  await click(b, "#fall-speichern");
  await b.waitUntil(async () => /^HFK-\d{4}-\d{3}/.test(await textOf(b, "h1")), { timeoutMsg: "case not created" });
  return (await textOf(b, "h1")).slice(0, 12);
}

function typedDate(yearsAgo) {
  const d = new Date(Date.now() - yearsAgo * 365 * 86400000);
  const p = (n) => String(n).padStart(2, "0");
  return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()}`;
}

describe("Backup, restore and deletion periods through the real window", () => {
  it("reminds, then writes a backup into the chosen folder", async () => {
    mkdirSync(folder);
    app = await launch({ home });
    const b = app.browser;
    await createFileAsAdministrator(b, ADMIN, PASSWORD);
    await waitForText(b, "#sicherung-faellig", /noch keine Sicherung/);
    await newCase(b);

    await click(b, "button[data-bereich=verwaltung]");
    await waitForHeading(b, "Verwaltung");
    await openPart(b, "sicherung");
    // A folder that does not exist is refused.
    await type(b, "#sicherungsordner-eingabe", path.join(home, "gibt-es-nicht"));
    await click(b, "#sicherungsordner-speichern");
    assert.match(await textOf(b, "#sicherung [role=alert]"), /^Sicherungsordner: Den Ordner .* gibt es nicht\./);
    await type(b, "#sicherungsordner-eingabe", folder);
    await click(b, "#sicherungsordner-speichern");
    await waitForText(b, "#sicherungsordner", new RegExp(folder));
    await click(b, "#jetzt-sichern");
    await waitForText(b, "#sicherung", /Gesichert in .*1 Fall, /);
    assert.notEqual(await textOf(b, "#letzte-sicherung"), "noch keine");
    await (await b.$("#sicherung")).scrollIntoView();
    await app.shot("30-sicherung");

    await click(b, "button[data-bereich=uebersicht]");
    await waitForHeading(b, "Übersicht");
    assert.equal(await (await b.$("#sicherung-faellig")).isExisting(), false);
  });

  it("restores the backup after showing what it holds", async () => {
    const b = app.browser;
    const later = await newCase(b);
    const [backup] = readdirSync(folder).filter((n) => n.endsWith(".hfksicherung"));
    assert.ok(backup, "no backup file in the folder");

    await click(b, "button[data-bereich=verwaltung]");
    await waitForHeading(b, "Verwaltung");
    await openPart(b, "sicherung");
    // Only a file chosen in the shell's own dialog is read.
    await click(b, "#wiederherstellen");
    answerFileDialog("Sicherung wählen", path.join(folder, backup));
    await type(b, "#sicherung-passwort", "falsch");
    await click(b, "#sicherung-pruefen");
    assert.equal(await textOf(b, "#sicherung [role=alert]"), "Benutzername oder Passwort ist falsch.");
    await type(b, "#sicherung-passwort", PASSWORD);
    await click(b, "#sicherung-pruefen");
    await waitForText(b, "#sicherung-inhalt", /: 1 Fall, 0 Personen, 0 Sitzungen, 1 Benutzerkonto\./);
    await (await b.$("#wiederherstellung")).scrollIntoView();
    await app.shot("31-wiederherstellung");
    await click(b, "#wiederherstellen-bestaetigen");

    await waitForHeading(b, "Akte entsperren");
    assert.match(await textOf(b, "main"), /aus der Sicherung wiederhergestellt und geprüft/);
    await type(b, "#benutzername", ADMIN);
    await type(b, "#passwort", PASSWORD);
    await click(b, "#entsperren");
    await textOf(b, "#angemeldet");
    await click(b, "button[data-bereich=faelle]");
    await waitForHeading(b, "Fälle");
    await waitForText(b, "[role=status]", /1–1 von 1 Fällen/);
    assert.equal(await (await b.$(`tr[data-fall="${later}"]`)).isExisting(), false);
    assert.deepEqual(
      readdirSync(path.dirname(path.join(home, ".local", "share", "de.haertefallkommission.akte", "x"))).filter((n) =>
        n.includes("wiederherstellung"),
      ),
      [],
    );
  });

  it("removes the personal data of a case past its deletion period", async () => {
    const b = app.browser;
    await click(b, "button[data-bereich=faelle]");
    await waitForHeading(b, "Fälle");
    await click(b, "#neuer-fall");
    await waitForHeading(b, "Neuer Fall");
    await type(b, "#fall-eingang", typedDate(5));
    const ib = await b.execute(() => document.querySelector("#fall-eingebracht-von option:nth-child(2)").value);
    await choose(b, "#fall-eingebracht-von", ib);
    await type(b, "#fall-eingebracht-am", typedDate(5));
    await type(b, "#fall-lebensgeschichte", "Familie Ismailović lebt seit 2012 in Eberswalde.");
    await click(b, "#fall-speichern");
    await b.waitUntil(async () => /^HFK-\d{4}-\d{3}/.test(await textOf(b, "h1")), { timeoutMsg: "case not created" });
    const number = (await textOf(b, "h1")).slice(0, 12);
    await openPart(b, "verlauf");
    await click(b, "button[data-schritt=zurueckgenommen]");
    await type(b, "#schritt-datum", typedDate(3));
    await type(b, "#schritt-grund", "Antrag zurückgezogen");
    await click(b, "#schritt-speichern");
    await waitForText(b, "#fall-stand", /^Zurückgenommen$/);

    await click(b, "button[data-bereich=verwaltung]");
    await waitForHeading(b, "Verwaltung");
    await openPart(b, "loeschfristen");
    await waitForText(b, "#loeschung-faellig", new RegExp(number));
    await click(b, "#loeschlauf");
    await (await b.$("#loeschfristen")).scrollIntoView();
    await app.shot("32-loeschlauf");
    await click(b, "#loeschung-bestaetigen");
    await waitForText(b, "#loeschfristen", /Gelöscht: die personenbezogenen Daten von 1 Fall\./);
    assert.match(await textOf(b, "#loeschung-faellig"), /Kein Fall ist fällig\. Bereits gelöscht: 1 Fall\./);

    await click(b, "button[data-bereich=faelle]");
    await waitForHeading(b, "Fälle");
    await click(b, `tr[data-fall="${number}"] button`);
    await b.waitUntil(async () => (await textOf(b, "h1")).startsWith(number));
    await waitForText(b, "#fall-geloescht", /nach Ablauf der Löschfrist entfernt/);
    assert.doesNotMatch(await textOf(b, "main"), /Ismailović/);
    assert.equal(await textOf(b, "#fall-stand"), "Zurückgenommen");
    // Read only from now on.
    await openPart(b, "personen");
    await waitForText(b, "#personen", /Noch keine Person erfasst/);
    assert.equal(await (await b.$("#person-hinzufuegen")).isExisting(), false);
    await app.shot("33-fall-geloescht");
  });

  it("re-encrypts the file under a new key and still opens with the password", async () => {
    const b = app.browser;
    await click(b, "button[data-bereich=verwaltung]");
    await waitForHeading(b, "Verwaltung");
    await openPart(b, "schluessel");
    await click(b, "#neuverschluesselung-oeffnen");
    await type(b, "#neuverschluesselung-passwort", "falsch");
    await click(b, "#neuverschluesselung-starten");
    assert.match(await textOf(b, "#neuverschluesselung [role=alert]"), /^Passwort: Das Passwort ist falsch/);
    await type(b, "#neuverschluesselung-passwort", PASSWORD);
    await click(b, "#neuverschluesselung-starten");
    const key = await waitForText(b, "#neuer-wiederherstellungsschluessel", /^([A-Z0-9]{4}-){7}[A-Z0-9]{4}$/);
    assert.ok(key.length > 0);
    await (await b.$("#neuverschluesselung")).scrollIntoView();
    await app.shot("34-neu-verschluesselt");
    await click(b, "#sperren");
    await waitForHeading(b, "Akte entsperren");
    await type(b, "#benutzername", ADMIN);
    await type(b, "#passwort", PASSWORD);
    await click(b, "#entsperren");
    await textOf(b, "#angemeldet");
    await click(b, "button[data-bereich=faelle]");
    await waitForHeading(b, "Fälle");
    await waitForText(b, "[role=status]", /1–2 von 2 Fällen/);
    await app.stop();
  });
});

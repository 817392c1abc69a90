// Cases, end to end through the real window: a case brought in by the Integrationsbeauftragte
// with a family of four (names with ć and ş), a humanitarian ground, the admissibility check,
// finding it by searching "Petrlic", the history, and the start page. Screenshots land in
// target/e2e/.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import {
  answerFileDialog,
  bytesOnDisk,
  choose,
  click,
  createFileAsAdministrator,
  defaultFile,
  launch,
  sandboxHome,
  stopAll,
  textOf,
  type,
  waitForHeading,
  waitForLockFree,
  waitForText,
  openPart,
} from "../lib/harness.mjs";

const home = sandboxHome();
const ADMIN = "Şükrü Güneş";
const PASSWORD = "Kiefernwald-Uckermark-Fähre-42";
let app = null;
let number = "";

after(stopAll);

function typed(date) {
  const p = (n) => String(n).padStart(2, "0");
  return `${p(date.getDate())}.${p(date.getMonth() + 1)}.${date.getFullYear()}`;
}
const inDays = (n) => {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return typed(d);
};

const family = [
  { role: "hauptperson", family: "Petrlić-Woelke", given: "Andrea-Maria", born: "14.03.1985", nat: "BA", until: inDays(12) },
  { role: "ehepartner", family: "Güneş", given: "Şükrü", born: "02.07.1982", nat: "TR", until: inDays(200) },
  { role: "kind", family: "Petrlić-Woelke", given: "Mila", born: "09.09.2015", nat: "BA", until: "" },
  { role: "kind", family: "Güneş", given: "Ayşe", born: "21.01.2019", nat: "TR", until: "" },
];

async function rows(b, selector) {
  return (await b.$$(selector)).length;
}

describe("Cases through the real window", () => {
  it("starts on the overview and creates a case brought in by the Integrationsbeauftragte", async () => {
    app = await launch({ home });
    const b = app.browser;
    await createFileAsAdministrator(b, ADMIN, PASSWORD);
    await waitForHeading(b, "Übersicht");
    await waitForText(b, "main", /0 offene Fälle/);

    await click(b, "button[data-bereich=faelle]");
    await waitForHeading(b, "Fälle");
    await waitForText(b, "main", /Keine Fälle gefunden/);
    await click(b, "#neuer-fall");
    await waitForHeading(b, "Neuer Fall");

    // The form opens with focus in its first field.
    assert.equal(await b.execute(() => document.activeElement?.id), "fall-eingang");
    // Bad input first: an impossible date and no member; nothing is stored. Both errors come
    // at once, each at its field, and focus goes to the first.
    await type(b, "#fall-eingang", "31.02.2026");
    await click(b, "#fall-speichern");
    const summary = await textOf(b, "#fall-formular [role=alert]");
    assert.match(summary, /^Bitte prüfen Sie 2 Angaben:/);
    assert.match(summary, /Eingangsdatum: „31\.02\.2026“ ist kein gültiges Datum/);
    assert.match(summary, /Eingebracht von: Bitte das Mitglied/);
    const marks = await b.execute(() =>
      ["fall-eingang", "fall-eingebracht-von", "fall-eingebracht-am"].map((id) => {
        const field = document.getElementById(id);
        const note = document.getElementById((field.getAttribute("aria-describedby") ?? "").split(" ")[0]);
        return [id, field.getAttribute("aria-invalid"), note?.classList.contains("feldfehler") ? note.textContent : null];
      }),
    );
    assert.deepEqual(marks, [
      ["fall-eingang", "true", "„31.02.2026“ ist kein gültiges Datum. Bitte als TT.MM.JJJJ eingeben."],
      ["fall-eingebracht-von", "true", "Bitte das Mitglied oder die Integrationsbeauftragte wählen."],
      ["fall-eingebracht-am", null, null],
    ]);
    assert.equal(await b.execute(() => document.activeElement?.id), "fall-eingang");
    await app.shot("10a-fehler-am-feld");
    await type(b, "#fall-eingang", inDays(-3));
    await click(b, "#fall-speichern");
    assert.match(await textOf(b, "#fall-formular [role=alert]"), /^Eingebracht von:/);
    assert.equal(await b.execute(() => document.getElementById("fall-eingang").getAttribute("aria-invalid")), null);
    assert.equal(await b.execute(() => document.activeElement?.id), "fall-eingebracht-von");

    const ib = await b.$("#fall-eingebracht-von option:nth-child(2)");
    assert.match(await ib.getText(), /Integrationsbeauftragte/);
    await choose(b, "#fall-eingebracht-von", await ib.getAttribute("value"));
    await type(b, "#fall-eingebracht-am", inDays(-2));
    const cottbus = await b.$("//select[@id='fall-abh']/option[.='Stadt Cottbus']");
    await choose(b, "#fall-abh", await cottbus.getAttribute("value"));
    await type(b, "#fall-beistand", "Beratungsstelle für Geflüchtete Cottbus");
    await click(b, "#fall-einverstaendnis");
    await type(b, "#fall-einverstaendnis-datum", inDays(-4));
    await type(b, "#fall-lebensgeschichte", "Die Familie lebt seit 2015 in Cottbus; die Kinder gehen hier zur Schule.");
    await app.shot("10-neuer-fall");
    await click(b, "#fall-speichern");

    await b.waitUntil(async () => /^HFK-\d{4}-001/.test(await textOf(b, "h1")), { timeoutMsg: "case page not shown" });
    number = (await textOf(b, "h1")).slice(0, 12);
    assert.equal(number, `HFK-${new Date().getFullYear()}-001`);
    assert.equal(await textOf(b, "#fall-stand"), "Eingegangen");
    assert.match(await textOf(b, "#eingebracht-von"), /Integrationsbeauftragte des Landes Brandenburg/);
  });

  it("adds a family of four, one minor derived from the birth date", async () => {
    const b = app.browser;
    await openPart(b, "personen");
    for (const [i, p] of family.entries()) {
      await click(b, "#person-hinzufuegen");
      await choose(b, "#person-rolle", p.role);
      await type(b, "#person-familienname", p.family);
      await type(b, "#person-vornamen", p.given);
      await type(b, "#person-geburtsdatum", p.born);
      await type(b, "#person-geburtsort", ["Sarajevo", "İzmir", "Cottbus", "Cottbus"][i]);
      await choose(b, "#person-staat", p.nat);
      // The children were born here: no entry date.
      await type(b, "#person-einreise", i < 2 ? "01.06.2015" : "");
      await choose(b, "#person-status", "duldung");
      if (p.until) {
        await type(b, "#person-ausgestellt", inDays(-60));
        await type(b, "#person-gueltig", p.until);
      }
      if (i === 0) {
        // A paper that expires before it was issued is refused, naming the field.
        await type(b, "#person-gueltig", inDays(-90));
        await click(b, "#person-speichern");
        assert.match(await textOf(b, "#person-formular [role=alert]"), /^Gültig bis:/);
        await type(b, "#person-gueltig", p.until);
      }
      await click(b, "#person-speichern");
      await b.waitUntil(async () => (await rows(b, "#personen tbody tr")) === i + 1, {
        timeoutMsg: `person ${i + 1} not listed`,
      }).catch(async (e) => {
        await app.shot("fehler-person");
        const alert = await b.$("#person-formular [role=alert]");
        throw new Error(`${e.message}: ${(await alert.isExisting()) ? await alert.getText() : "keine Meldung"}`);
      });
    }
    const table = await textOf(b, "#personen table");
    assert.match(table, /Petrlić-Woelke, Andrea-Maria/);
    assert.match(table, /Güneş, Şükrü/);
    assert.equal((table.match(/minderjährig/g) ?? []).length, 2);
    await app.shot("11-fall-personen");
  });

  it("records a ground, passes admissibility and shows the history", async () => {
    const b = app.browser;
    await openPart(b, "haertegruende");
    await click(b, "#haertegrund-hinzufuegen");
    await choose(b, "#grund-art", "schule_ausbildung");
    await type(b, "#grund-beschreibung", "Mila besucht die 5. Klasse; Andrea-Maria macht eine Ausbildung zur Pflegefachfrau.");
    await type(b, "#grund-nachweise", "Schulbescheinigung, Ausbildungsvertrag");
    await click(b, "#grund-speichern");
    await b.waitUntil(async () => /Schule und Ausbildung/.test(await textOf(b, "#haertegruende")));

    // A second ground, entered by mistake: removing it asks first, and Abbrechen keeps it.
    await click(b, "#haertegrund-hinzufuegen");
    await choose(b, "#grund-art", "sprache");
    await type(b, "#grund-beschreibung", "Irrtümlich erfasst.");
    await click(b, "#grund-speichern");
    await b.waitUntil(async () => /Irrtümlich erfasst/.test(await textOf(b, "#haertegruende")));
    await click(b, "li[data-grund=sprache] button[data-aktion=entfernen]");
    await click(b, "li[data-grund=sprache] button.zweitrangig");
    assert.match(await textOf(b, "#haertegruende"), /Irrtümlich erfasst/);
    await click(b, "li[data-grund=sprache] button[data-aktion=entfernen]");
    await click(b, "li[data-grund=sprache] button[data-aktion=entfernen-bestaetigen]");
    await b.waitUntil(async () => !/Irrtümlich erfasst/.test(await textOf(b, "#haertegruende")), {
      timeoutMsg: "the ground was not removed after the confirmation",
    });

    await openPart(b, "vorpruefung");
    await click(b, "#vorpruefung-erfassen");
    // A mandatory exclusion ground refuses admission.
    await click(b, "input[data-kriterium=rueckfuehrungstermin]");
    await click(b, "#vorpruefung-speichern");
    // One message: a mandatory ground is not weighed, so no reasons are asked for.
    assert.match(await textOf(b, "#vorpruefung-formular [role=alert]"), /^Ergebnis: „.*“ ist ein zwingender Ausschlussgrund/);
    await click(b, "input[data-kriterium=rueckfuehrungstermin]");
    await click(b, "#vorpruefung-speichern");
    await b.waitUntil(async () => (await textOf(b, "#fall-stand")) === "Angenommen", {
      timeoutMsg: "case not admitted",
    });
    assert.equal(await textOf(b, "#vorpruefung-ergebnis"), "Angenommen");
    await openPart(b, "verlauf");
    const history = await textOf(b, "#verlauf");
    for (const line of ["Eingegangen → In Vorprüfung", "In Vorprüfung → Angenommen", "Fall angelegt", "Person hinzugefügt", "Vorprüfung entschieden"]) {
      assert.ok(history.includes(line), `history lacks "${line}"`);
    }
    await app.shot("12-fall-verlauf");
  });

  it("finds the case by searching without diacritics", async () => {
    const b = app.browser;
    await click(b, "button[data-bereich=faelle]");
    await waitForHeading(b, "Fälle");
    for (const query of ["Petrlic", "gunes sukru", number]) {
      await type(b, "#fall-suche", query);
      await b.waitUntil(async () => /1–1 von 1 Fällen/.test(await textOf(b, "[role=status]")), {
        timeoutMsg: `"${query}" found nothing`,
      });
      assert.match(await textOf(b, `tr[data-fall="${number}"]`), /Petrlić-Woelke, Andrea-Maria/);
    }
    await type(b, "#fall-suche", "Ivanov");
    await b.waitUntil(async () => /Keine Fälle gefunden/.test(await textOf(b, "[role=status]")));
    await type(b, "#fall-suche", "Petrlic");
    await b.waitUntil(async () => /1–1 von 1/.test(await textOf(b, "[role=status]")));
    await app.shot("13-fallliste-suche");
    await click(b, `tr[data-fall="${number}"] button`);
    await b.waitUntil(async () => (await textOf(b, "h1")).startsWith(number));
  });

  it("finds a person by the name in its own script under three Latin spellings", async () => {
    const b = app.browser;
    await openPart(b, "personen");
    await click(b, "#person-hinzufuegen");
    await choose(b, "#person-rolle", "sonstige");
    await type(b, "#person-familienname", "Doudaev");
    await type(b, "#person-vornamen", "Akhmed");
    await type(b, "#person-originalschrift", "Дудаев Ахмед");
    await choose(b, "#person-staat", "RU");
    await click(b, "#person-speichern");
    await waitForText(b, "#personen table", /Дудаев Ахмед/);
    assert.equal(await (await b.$("#person-hinzufuegen")).isExisting(), true);
    await click(b, "button[data-bereich=faelle]");
    await waitForHeading(b, "Fälle");
    for (const query of ["Dudaev", "Dudayev", "Dudajew"]) {
      await type(b, "#fall-suche", query);
      await b.waitUntil(async () => /1–1 von 1 Fällen/.test(await textOf(b, "[role=status]")), {
        timeoutMsg: `"${query}" did not find Дудаев`,
      });
    }
    await app.shot("13b-fallliste-originalschrift");
  });

  it("shows the expiring paper on the start page", async () => {
    const b = app.browser;
    await click(b, "button[data-bereich=uebersicht]");
    await waitForHeading(b, "Übersicht");
    const papers = await waitForText(b, "[data-block=papiere]", /Petrlić/);
    assert.match(papers, /Petrlić-Woelke, Andrea-Maria/);
    assert.match(papers, /noch 12 Tage/);
    assert.doesNotMatch(papers, /Güneş, Şükrü/, "200 days away is outside the 30-day warning");
    await waitForText(b, "main", /1 offener Fall \(Angenommen: 1\)/);
    await app.shot("14-uebersicht");

    await click(b, "button[data-bereich=mitglieder]");
    await waitForHeading(b, "Mitglieder");
    await waitForText(b, "main", /MSGIV/);
    await app.shot("15-mitglieder");
  });

  it("keeps a withdrawn case read-only until the Verwaltung reopens it with a reason", async () => {
    const b = app.browser;
    await click(b, "button[data-bereich=faelle]");
    await waitForHeading(b, "Fälle");
    await type(b, "#fall-suche", number);
    await b.waitUntil(async () => /1–1 von 1/.test(await textOf(b, "[role=status]")));
    await click(b, `tr[data-fall="${number}"] button`);
    await b.waitUntil(async () => (await textOf(b, "h1")).startsWith(number));
    await openPart(b, "verlauf");
    await click(b, "button[data-schritt=zurueckgenommen]");
    await type(b, "#schritt-grund", "Die Familie hat den Antrag zurückgezogen.");
    await click(b, "#schritt-speichern");
    await b.waitUntil(async () => (await textOf(b, "#fall-stand")) === "Zurückgenommen", {
      timeoutMsg: "case not withdrawn",
    });
    assert.match(await textOf(b, "#fall-abgeschlossen"), /wird nur noch gelesen/);
    for (const [part, edit] of [["personen", "#person-hinzufuegen"], ["haertegruende", "#haertegrund-hinzufuegen"], ["stammdaten", "#stammdaten button"]]) {
      await openPart(b, part);
      assert.equal(await (await b.$(edit)).isExisting(), false, `${edit} offered on a closed case`);
    }
    await openPart(b, "verlauf");
    await app.shot("16-fall-abgeschlossen");
    await click(b, "#fall-wiederaufnehmen");
    await click(b, "#wiederaufnahme-formular button[type=submit]");
    assert.match(await textOf(b, "#wiederaufnahme-formular [role=alert]"), /^Begründung:/);
    await type(b, "#wiederaufnahme-grund", "Rücknahme war ein Irrtum der Beratungsstelle.");
    await click(b, "#wiederaufnahme-formular button[type=submit]");
    await b.waitUntil(async () => (await textOf(b, "#fall-stand")) === "Angenommen", {
      timeoutMsg: "case not reopened",
    });
    assert.match(await textOf(b, "#verlauf"), /Rücknahme war ein Irrtum/);
    await openPart(b, "personen");
    assert.equal(await (await b.$("#person-hinzufuegen")).isExisting(), true);
  });

  it("leaves nothing in plain text on disk", async () => {
    // While the window is open, recent changes lie in the -wal; after closing, in the file.
    for (const moment of ["offen", "geschlossen"]) {
      if (moment === "geschlossen") await app.stop();
      const bytes = bytesOnDisk(defaultFile(home));
      for (const name of ["Petrlić", "Güneş", "Cottbus"]) {
        assert.equal(bytes.includes(Buffer.from(name)), false, `${name} readable on disk (${moment})`);
      }
    }
  });

  it("reads a cut start-page list whole, page by page", async () => {
    // Many stale papers: the command line fills the file with invented cases.
    const hfk = path.join(path.dirname(process.env.HFK_E2E_APP), "hfk");
    waitForLockFree(`${defaultFile(home)}.lock`);
    execFileSync(hfk, ["beispielfaelle", defaultFile(home), "--benutzer", ADMIN, "--faelle", "1200"], {
      input: `${PASSWORD}\n`,
    });
    app = await launch({ home });
    const b = app.browser;
    await waitForHeading(b, "Akte entsperren");
    await type(b, "#benutzername", ADMIN);
    await type(b, "#passwort", PASSWORD);
    await click(b, "#entsperren");
    await waitForHeading(b, "Übersicht");
    const cut = await waitForText(b, "[data-block=abgelaufen] [data-gekuerzt]", /Gezeigt werden/);
    const total = Number(/von (\d+)/.exec(cut)[1]);
    assert.ok(total > 200, cut);
    await click(b, "[data-block=abgelaufen] button[data-ganze-liste=expired]");
    await waitForText(b, "[data-ganze-liste-ansicht=expired] h2", /Alle bereits abgelaufenen Aufenthaltspapiere/);
    assert.equal(await textOf(b, "[data-ganze-liste-ansicht] [role=status]"), `Einträge 1–100 von ${total}`);
    assert.equal((await b.$$("[data-ganze-liste-ansicht] li")).length, 100);
    await click(b, "[data-ganze-liste-ansicht] .aktionen button:last-child");
    await waitForText(b, "[data-ganze-liste-ansicht] [role=status]", new RegExp(`^Einträge 101–200 von ${total}$`));
    await app.shot("17-uebersicht-ganze-liste");
    await click(b, "[data-ganze-liste-ansicht] .zurueck");
    await waitForText(b, "[data-block=abgelaufen]", /Gezeigt werden/);
  });

  it("counts a year in Auswertungen, as the command line does, and saves the figures through the dialog", async () => {
    const b = app.browser;
    await click(b, "button[data-bereich=auswertungen]");
    await waitForHeading(b, "Auswertungen");
    const heading = await waitForText(b, "#stand-titel", /^Fälle und Personen nach Stand, \d{4}$/);
    const thisYear = Number(heading.slice(-4));
    /** The figure `code` in column `column` (0 cases, 1 persons, 2 minors) as shown. */
    const shown = async (code, column = 0) => Number((await (await b.$$(`tr[data-kennzahl=${code}] td`))[column].getText()).replaceAll(".", ""));
    // The sample cases are spread over the last years: the year before has them in every stage.
    const year = thisYear - 1;
    await type(b, "#jahr-von", String(year));
    await type(b, "#jahr-bis", String(year));
    await click(b, "#auswertung-zeigen");
    await waitForText(b, "#stand-titel", new RegExp(`, ${year}$`));
    const figures = {};
    for (const code of ["uebertrag", "eingang", "wiederaufgenommen", "erledigt", "uebertrag_folgezeitraum"]) {
      figures[code] = [await shown(code), await shown(code, 1)];
    }
    assert.ok(figures.eingang[0] > 0, "cases received in the year before");
    assert.ok(figures.eingang[1] >= figures.eingang[0], "at least one person per case");
    for (const column of [0, 1]) {
      const before = figures.uebertrag[column] + figures.eingang[column] + figures.wiederaufgenommen[column];
      assert.equal(before, figures.erledigt[column] + figures.uebertrag_folgezeitraum[column]);
    }
    await app.shot("19-auswertungen");

    const saved = path.join(home, "Auswertung.csv");
    await click(b, "#auswertung-speichern");
    answerFileDialog("Auswertung speichern", saved);
    await waitForText(b, "[data-testid=meldung-erfolg]", /^Gespeichert: /);
    const csv = readFileSync(saved, "utf8");
    assert.ok(csv.startsWith("\uFEFFKennzahl;Bezeichnung;Fälle;Personen;davon minderjährig;Definition"));
    const row = csv.split("\n").find((line) => line.startsWith("eingang;")).split(";");
    assert.deepEqual([Number(row[2]), Number(row[3])], figures.eingang);
    // Python's csv module reads it as a German Excel would (semicolons, BOM, quoted texts).
    const parsed = JSON.parse(
      execFileSync("python3", ["-c", "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline=''), delimiter=';'))))", saved], {
        encoding: "utf8",
      }),
    );
    assert.deepEqual(parsed[0].slice(0, 3), ["Kennzahl", "Bezeichnung", "Fälle"]);
    const received = parsed.find((r) => r[0] === "eingang");
    assert.deepEqual([Number(received[2]), Number(received[3])], figures.eingang);
    assert.ok(parsed.some((r) => r[0] === "herkunft_hauptperson"), "the tables by trait follow the stage table");

    // The published variant (the default) hides ones and twos in the tables by trait; the
    // internal one shows them. Three charts come from the core as SVG.
    assert.equal((await b.$$("figure.diagramm svg")).length, 3);
    const cells = async () =>
      b.execute(() => [...document.querySelectorAll("[data-kreuztabelle] tbody td")].map((td) => td.textContent.trim()));
    assert.ok((await cells()).includes("< 3"), "small numbers hidden in the published variant");
    await click(b, "input[name=fassung][value=intern]");
    await b.waitUntil(async () => !(await cells()).includes("< 3"), { timeoutMsg: "the internal variant still hides numbers" });
    assert.ok((await cells()).some((c) => c === "1" || c === "2"), "exact small numbers in the internal variant");
    assert.ok((await b.$$("[data-kreuztabelle=herkunft_hauptperson] tbody tr")).length > 1);
    await app.shot("19b-auswertungen-intern");
    await (await b.$("figure.diagramm")).scrollIntoView();
    await app.shot("19c-auswertungen-diagramme");

    // The annual report and the spreadsheet through the same dialog, in the variant shown.
    const report = path.join(home, `Jahresbericht-${year}.pdf`);
    await click(b, "#jahresbericht-speichern");
    answerFileDialog("Auswertung speichern", report);
    await waitForText(b, "[data-testid=meldung-erfolg]", new RegExp(`Jahresbericht-${year}\\.pdf`));
    const text = execFileSync("pdftotext", ["-layout", report, "-"], { encoding: "utf8" });
    assert.match(text, new RegExp(`Jahresbericht ${year}`));
    assert.match(text, /Interne Fassung/);
    assert.match(text, /Fälle nach Herkunftsland der Hauptperson/);
    const sheet = path.join(home, `Auswertung-${year}.xlsx`);
    await click(b, "#auswertung-speichern");
    answerFileDialog("Auswertung speichern", sheet);
    await waitForText(b, "[data-testid=meldung-erfolg]", new RegExp(`Auswertung-${year}\\.xlsx`));
    assert.equal(readFileSync(sheet).subarray(0, 2).toString(), "PK");

    // Any days instead of whole years; an impossible day is refused with the field named.
    await click(b, "#zeitraum-tage");
    await type(b, "#tag-von", `01.01.${year}`);
    await type(b, "#tag-bis", `31.06.${year}`);
    await click(b, "#auswertung-zeigen");
    await waitForText(b, "[data-testid=meldung-fehler]", /Bis/);
    await type(b, "#tag-bis", `30.06.${year}`);
    await click(b, "#auswertung-zeigen");
    await waitForText(b, "#stand-titel", new RegExp(`, 01\\.01\\.${year}–30\\.06\\.${year}$`));
    const firstHalf = [await shown("eingang"), await shown("eingang", 1)];
    assert.ok(firstHalf[0] <= figures.eingang[0], "half a year holds no more than the year");

    // The command line counts the same, once the window has let go of the file.
    await app.stop();
    const json = path.join(home, "Auswertung.json");
    waitForLockFree(`${defaultFile(home)}.lock`);
    execFileSync(path.join(path.dirname(process.env.HFK_E2E_APP), "hfk"), ["statistik", defaultFile(home), "--jahr", String(year), "--benutzer", ADMIN, "--ausgabe", json], {
      input: `${PASSWORD}\n`,
    });
    const counted = JSON.parse(readFileSync(json, "utf8"));
    assert.deepEqual([counted.zahlen.eingang.faelle, counted.zahlen.eingang.personen], figures.eingang);
    assert.deepEqual([counted.zahlen.erledigt.faelle, counted.zahlen.erledigt.personen], figures.erledigt);
    const half = path.join(home, "Halbjahr.json");
    execFileSync(path.join(path.dirname(process.env.HFK_E2E_APP), "hfk"), ["statistik", defaultFile(home), "--zeitraum", `01.01.${year}-30.06.${year}`, "--fassung", "intern", "--benutzer", ADMIN, "--ausgabe", half], {
      input: `${PASSWORD}\n`,
    });
    const halfCounted = JSON.parse(readFileSync(half, "utf8"));
    assert.deepEqual([halfCounted.zahlen.eingang.faelle, halfCounted.zahlen.eingang.personen], firstHalf);
    assert.equal(halfCounted.fassung, "intern");
    app = await launch({ home });
    await waitForHeading(app.browser, "Akte entsperren");
    await type(app.browser, "#benutzername", ADMIN);
    await type(app.browser, "#passwort", PASSWORD);
    await click(app.browser, "#entsperren");
    await waitForHeading(app.browser, "Übersicht");
  });

  it("keeps search, filters, sort, page and place when coming back from a case", async () => {
    const b = app.browser;
    await click(b, "button[data-bereich=faelle]");
    await waitForHeading(b, "Fälle");
    await choose(b, "#filter-stand", "abgeschlossen");
    await waitForText(b, ".treffer", /Seite 1 von/);
    await click(b, "button[data-sortieren=received]");
    await click(b, "#seite-weiter");
    const status = await waitForText(b, ".treffer", /^51–\d+ von \d+ Fällen · Seite 2 von \d+$/);
    const rows = await b.$$("table.liste tbody tr");
    const row = rows[rows.length - 1];
    const number = await row.getAttribute("data-fall");
    await row.scrollIntoView();
    const scrolled = await b.execute(() => window.scrollY);
    assert.ok(scrolled > 0, "the last row is below the fold");
    await click(b, `tr[data-fall="${number}"] button`);
    await b.waitUntil(async () => (await textOf(b, "h1")).startsWith(number));
    await click(b, ".zurueck");
    await waitForText(b, ".treffer", /Seite 2 von/);
    assert.equal(await textOf(b, ".treffer"), status);
    assert.equal(await (await b.$("#filter-stand")).getValue(), "abgeschlossen");
    const back = await b.$$("table.liste tbody tr");
    assert.equal(await back[back.length - 1].getAttribute("data-fall"), number);
    await b.waitUntil(async () => Math.abs((await b.execute(() => window.scrollY)) - scrolled) < 40, {
      timeoutMsg: "the list did not return to where it was scrolled",
    });
    await app.shot("18-fallliste-zurueck");
    await app.stop();
    app = null;
  });
});

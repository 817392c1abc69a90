// Schriftverkehr through the real window: the advisory members' addresses set under
// Mitglieder (the Ausländerbehörde Cottbus starts with its own), a template with an unknown
// placeholder refused at its field, from a case the Anforderung der Stellungnahme composed,
// edited, kept and saved (the case then shows "angefordert am"), and from a planned session
// the invitations for everyone in office, made with the progress bar into one file.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import {
  answerFileDialog,
  choose,
  chooseText,
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
const ADMIN = "Andrea-Maria Petrlić-Woelke";
const PASSWORD = "Spreewald-Kahn-Gurke-2026";
let app = null;
let caseNumber = "";

after(stopAll);

/** A day `offset` days from today, typed the German way. */
function day(offset) {
  const p = (n) => String(n).padStart(2, "0");
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()}`;
}

/** Sets a text area's lines as pasted text arrives (one input event), line breaks kept. */
async function paste(b, selector, value) {
  await (await b.$(selector)).waitForDisplayed({ timeout: 10000 });
  await b.execute(
    (sel, v) => {
      const el = document.querySelector(sel);
      el.value = v;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    },
    selector,
    value,
  );
}

const pdfText = (file) => execFileSync("pdftotext", ["-layout", file, "-"]).toString();

describe("Schriftverkehr through the real window", () => {
  it("keeps the advisory members' addresses; the office of Cottbus has its own", async () => {
    app = await launch({ home });
    const b = app.browser;
    await createFileAsAdministrator(b, ADMIN, PASSWORD);
    await click(b, "button[data-bereich=mitglieder]");
    await waitForHeading(b, "Mitglieder");
    await (await b.$("#anschriften")).scrollIntoView();
    await chooseText(b, "#anschrift-wer", "Stadt Cottbus");
    await b.waitUntil(async () => (await b.$("#anschrift-text").getValue()).includes("03046 Cottbus"), {
      timeoutMsg: "Cottbus has no address to start with",
    });
    // Seven lines do not fit the address field: refused at the field, nothing saved.
    await chooseText(b, "#anschrift-wer", "Integrationsbeauftragte");
    await (await b.$("#anschrift-text")).scrollIntoView();
    await paste(b, "#anschrift-text", "1\n2\n3\n4\n5\n6\n7");
    await click(b, "#anschrift-speichern");
    assert.match(await textOf(b, "#anschrift-formular [role=alert]"), /Höchstens 6 Zeilen/);
    assert.equal(await b.execute(() => document.getElementById("anschrift-text").getAttribute("aria-invalid")), "true");
    for (const [who, street] of [["Integrationsbeauftragte", "Lindenallee 3"], ["Leitung der Geschäftsstelle", "Am Markt 1"]]) {
      await chooseText(b, "#anschrift-wer", who);
      await paste(b, "#anschrift-text", `${street}\n14467 Potsdam`);
      await click(b, "#anschrift-speichern");
      await waitForText(b, "#anschrift-formular", /Anschrift von „.*“ gespeichert/);
    }
    await app.shot("60-anschriften");
  });

  it("refuses a template with an unknown placeholder, naming it", async () => {
    const b = app.browser;
    await click(b, "button[data-bereich=verwaltung]");
    await waitForHeading(b, "Verwaltung");
    await openPart(b, "vorlagen");
    await chooseText(b, "#vorlage-art", "Anforderung der Stellungnahme");
    await b.waitUntil(async () => (await b.$("#vorlage-text").getValue()).includes("{Personen}"));
    await type(b, "#vorlage-text", "Bitte bis {Rückgabetag} antworten.");
    await click(b, "#vorlage-speichern");
    assert.match(await textOf(b, "#vorlage-formular [role=alert]"), /Den Platzhalter \{Rückgabetag\} kennt dieses Schreiben nicht/);
    assert.equal(await b.execute(() => document.getElementById("vorlage-text").getAttribute("aria-invalid")), "true");
    await app.shot("61-vorlage-abgelehnt");
  });

  it("writes the Anforderung der Stellungnahme from a case, edited, and the case shows it requested", async () => {
    const b = app.browser;
    await click(b, "button[data-bereich=faelle]");
    await waitForHeading(b, "Fälle");
    await click(b, "#neuer-fall");
    await waitForHeading(b, "Neuer Fall");
    await chooseText(b, "#fall-eingebracht-von", "Integrationsbeauftragte");
    await chooseText(b, "#fall-abh", "Stadt Cottbus");
    await click(b, "#fall-speichern");
    await b.waitUntil(async () => /^HFK-\d{4}-\d{3}/.test(await textOf(b, "h1")), { timeoutMsg: "case not created" });
    caseNumber = (await textOf(b, "h1")).slice(0, 12);
    await openPart(b, "personen");
    await click(b, "#person-hinzufuegen");
    await choose(b, "#person-rolle", "hauptperson");
    await type(b, "#person-familienname", "Дудаев");
    await type(b, "#person-vornamen", "Ахмед");
    await choose(b, "#person-staat", "RU");
    await click(b, "#person-speichern");
    await b.waitUntil(async () => (await b.$$("#personen tbody tr")).length === 1, { timeoutMsg: "person not saved" });

    await openPart(b, "schriftverkehr");
    await waitForText(b, "#schreiben-keine", /noch kein Schreiben/);
    await choose(b, "#schreiben-art", "anforderung_stellungnahme");
    // The due day is asked for, and must lie ahead.
    await type(b, "#schreiben-frist", day(0));
    await click(b, "#schreiben-entwurf-erstellen");
    assert.match(await textOf(b, "#schreiben-waehlen [role=alert]"), /Antwortfrist: Die Antwortfrist muss nach dem heutigen Tag liegen/);
    await type(b, "#schreiben-frist", day(28));
    await click(b, "#schreiben-entwurf-erstellen");
    await b.waitUntil(async () => (await b.$("#schreiben-anschrift").getValue()).includes("03046 Cottbus"), {
      timeoutMsg: "the draft has not the office's address",
    });
    const body = await b.$("#schreiben-text").getValue();
    assert.match(body, /Дудаев, Ахмед/);
    assert.ok(body.includes(day(28)), body);
    await paste(b, "#schreiben-text", `${body}\n\nFür Rückfragen erreichen Sie uns unter 0331 866-0.`);
    await app.shot("62-schreiben-entwurf");
    await click(b, "#schreiben-ablegen");
    await waitForText(b, "#schreiben-abgelegt", /Abgelegt: Anforderung der Stellungnahme an Stadt Cottbus/);
    await waitForText(b, "#schreiben-liste", /Anforderung der Stellungnahme/);
    const saved = path.join(home, "Anforderung.pdf");
    await click(b, "#schreiben-liste tbody tr:first-child button");
    answerFileDialog("PDF speichern", saved);
    await waitForText(b, "#schreiben-liste", /Gespeichert: /);
    const text = pdfText(saved);
    for (const expected of ["Ausländerbehörde", "03046 Cottbus", caseNumber, "Дудаев", "0331 866-0", day(0)]) {
      assert.ok(text.includes(expected), `missing ${expected} in:\n${text}`);
    }
    await app.shot("63-schreiben-abgelegt");
    await openPart(b, "stellungnahme");
    await waitForText(b, "#stellungnahme", new RegExp(`Angefordert am\\s*${day(0).replace(/\./g, "\\.")}`));
  });

  it("makes the invitations for everyone in office with the progress bar", async () => {
    const b = app.browser;
    await click(b, "button[data-bereich=sitzungen]");
    await waitForHeading(b, "Sitzungen");
    await click(b, "#neue-sitzung");
    await waitForHeading(b, "Sitzung planen");
    await type(b, "#sitzung-tag", day(21));
    await type(b, "#sitzung-beginn", "10:00");
    await type(b, "#sitzung-ort", "Potsdam, MIK, Raum 2.14");
    await click(b, "#sitzung-speichern");
    await waitForHeading(b, `Sitzung 1/${day(21).slice(-4)}`);
    await (await b.$("#einladungen")).scrollIntoView();
    await type(b, "#einladungen-frist", day(14));
    await click(b, "#einladungen-zusammen");
    await b.execute(() => {
      window.__progressSeen = false;
      new MutationObserver(() => {
        if (document.querySelector("#einladungen progress")) window.__progressSeen = true;
      }).observe(document.getElementById("einladungen"), { childList: true, subtree: true });
    });
    const folder = path.join(home, "Einladungen");
    mkdirSync(folder);
    await click(b, "#einladungen-erstellen");
    answerFileDialog("Ordner für die Einladungen wählen", folder);
    await waitForText(b, "#einladungen-fertig", /2 Einladungen in der Akte abgelegt/, 60000);
    assert.equal(await b.execute(() => window.__progressSeen), true, "no progress bar");
    const files = readdirSync(folder);
    assert.equal(files.length, 1, files.join(", "));
    const text = pdfText(path.join(folder, files[0]));
    for (const expected of ["Einladung zur Sitzung", "Lindenallee 3", "Am Markt 1", "Raum 2.14", day(14), day(21)]) {
      assert.ok(text.includes(expected), `missing ${expected} in:\n${text}`);
    }
    await waitForText(b, "#einladungen-liste", /Abgelegte Einladungen \(2\)/);
    await app.shot("64-einladungen");
  });
});

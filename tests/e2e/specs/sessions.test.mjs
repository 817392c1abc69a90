// The session cycle through the real window: three voting members and a deputy, three
// admitted cases, a session planned and convened, attendance with one deputy, the session
// day deciding an Ersuchen (saved with Ctrl+Enter), a "kein Ersuchen" and a "vertagt", then
// the request and the ministry's order with a condition. Screenshots land in target/e2e/.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import {
  answerFileDialog,
  choose,
  chooseText,
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
import { makeMemberCopies } from "../lib/member-copies-steps.mjs";

const home = sandboxHome();
const ADMIN = "Đorđe Ćosić";
const PASSWORD = "Kiefernwald-Uckermark-Fähre-42";
let app = null;
const cases = [];

after(stopAll);

function today() {
  const p = (n) => String(n).padStart(2, "0");
  const d = new Date();
  return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()}`;
}

const members = [
  { name: "Andrea-Maria Petrlić-Woelke", org: "Flüchtlingsrat" },
  { name: "Şükrü Güneş", org: "LIGA" },
  { name: "Мария Иванова", org: "Katholische Kirche" },
];
const DEPUTY = "Dana Schulze";
// The deputy of the first member, who votes in that seat when the member is recused.
const STAND_IN = "Emil Vertreter";

/** Clicks an export button and answers its save dialog with `file`. */
async function exportTo(b, button, file) {
  await click(b, button);
  answerFileDialog("PDF speichern", file);
}

const pdfText = (file) => execFileSync("pdftotext", [file, "-"]).toString();

describe("A session through the real window", () => {
  it("registers three voting members and a deputy", async () => {
    app = await launch({ home });
    const b = app.browser;
    await createFileAsAdministrator(b, ADMIN, PASSWORD);
    await click(b, "button[data-bereich=mitglieder]");
    await waitForHeading(b, "Mitglieder");
    const deputies = [
      { name: DEPUTY, org: "Katholische Kirche", deputyOf: "Мария Иванова" },
      { name: STAND_IN, org: "Flüchtlingsrat", deputyOf: members[0].name, wrongOrg: "LIGA" },
    ];
    for (const m of [...members, ...deputies]) {
      await click(b, "#mitglied-anlegen");
      await type(b, "#mitglied-name", m.name);
      await choose(b, "#mitglied-funktion", m.deputyOf ? "stellvertretung" : "mitglied");
      if (m.deputyOf) await chooseText(b, "#mitglied-vertritt", m.deputyOf);
      if (m.wrongOrg) {
        // A deputy of another organisation than their member's is refused.
        await chooseText(b, "#mitglied-stelle", m.wrongOrg);
        await type(b, "#mitglied-von", "01.01.2024");
        await click(b, "#mitglied-speichern");
        await waitForText(b, "main [role=alert]", /Eine Stellvertretung gehört zur Stelle ihres Mitglieds/);
      }
      await chooseText(b, "#mitglied-stelle", m.org);
      await type(b, "#mitglied-von", "01.01.2024");
      await click(b, "#mitglied-speichern");
      await waitForText(b, "main", new RegExp(m.name));
      await b.waitUntil(async () => !(await (await b.$("#mitglied-formular")).isExisting()));
    }
    await app.shot("20-mitglieder-stimmberechtigt");
  });

  it("creates three admitted cases", async () => {
    const b = app.browser;
    const families = [
      { family: "Haddad", by: members[0].name },
      { family: "Krasniqi", by: members[1].name },
      { family: "Шевченко", by: "Integrationsbeauftragte" },
    ];
    for (const f of families) {
      await click(b, "button[data-bereich=faelle]");
      await waitForHeading(b, "Fälle");
      await click(b, "#neuer-fall");
      await waitForHeading(b, "Neuer Fall");
      // Deputies are marked as such in the list.
      await b.waitUntil(
        async () =>
          (await b.execute(() => document.querySelector("#fall-eingebracht-von")?.textContent ?? "")).includes(
            `${STAND_IN} – Stellvertretung für ${members[0].name}`,
          ),
        { timeoutMsg: "the deputy is not marked as such in Eingebracht von" },
      );
      await chooseText(b, "#fall-eingebracht-von", f.by);
      await click(b, "#fall-speichern");
      await b.waitUntil(async () => /^HFK-\d{4}-\d{3}/.test(await textOf(b, "h1")), { timeoutMsg: "case not created" });
      cases.push((await textOf(b, "h1")).slice(0, 12));
      await openPart(b, "personen");
      await click(b, "#person-hinzufuegen");
      await choose(b, "#person-rolle", "hauptperson");
      await type(b, "#person-familienname", f.family);
      await type(b, "#person-vornamen", "Amina");
      await choose(b, "#person-staat", "SY");
      await click(b, "#person-speichern");
      await b.waitUntil(async () => (await b.$$("#personen tbody tr")).length === 1, { timeoutMsg: "person not saved" });
      await openPart(b, "vorpruefung");
      await click(b, "#vorpruefung-erfassen");
      await click(b, "#vorpruefung-speichern");
      await b.waitUntil(async () => (await textOf(b, "#fall-stand")) === "Angenommen", { timeoutMsg: "not admitted" });
    }
    assert.equal(cases.length, 3);
  });

  it("plans a session with the three cases and convenes it", async () => {
    const b = app.browser;
    await click(b, "button[data-bereich=sitzungen]");
    await waitForHeading(b, "Sitzungen");
    await click(b, "#neue-sitzung");
    await waitForHeading(b, "Sitzung planen");
    // Bad input first: an impossible time.
    await type(b, "#sitzung-tag", today());
    await type(b, "#sitzung-beginn", "25:00");
    await type(b, "#sitzung-ort", "Potsdam, MIK, Raum 2.14");
    await click(b, "#sitzung-speichern");
    assert.match(await textOf(b, "#sitzung-formular [role=alert]"), /^Beginn \(Uhrzeit\): „25:00“ ist keine gültige Uhrzeit/);
    assert.equal(await b.execute(() => document.getElementById("sitzung-beginn").getAttribute("aria-invalid")), "true");
    assert.equal(await b.execute(() => document.activeElement?.id), "sitzung-beginn");
    await type(b, "#sitzung-beginn", "10 Uhr");
    await click(b, "#sitzung-speichern");
    const year = new Date().getFullYear();
    await waitForHeading(b, `Sitzung 1/${year}`);

    await type(b, "#punkt-titel", "Genehmigung der Niederschrift der letzten Sitzung");
    await click(b, "#punkt-aufnehmen");
    await waitForText(b, "#tagesordnung", /Genehmigung der Niederschrift/);
    for (const [i, number] of cases.entries()) {
      await chooseText(b, "#fall-aufnehmen", number);
      await click(b, "#fall-aufnehmen-knopf");
      await b.waitUntil(async () => (await b.$$("#tagesordnung tbody tr")).length === i + 2, {
        timeoutMsg: `${number} not on the agenda`,
      });
    }
    // The free item goes to the end: the cases become TOP 1 to 3.
    for (const top of [1, 2, 3]) {
      await click(b, `button[aria-label='TOP ${top} nach unten']`);
      await waitForText(b, `tr[data-top='${top + 1}']`, /Genehmigung der Niederschrift/);
    }
    assert.match(await textOf(b, "tr[data-top='1']"), new RegExp(cases[0]));
    // The rapporteur is the member who brought the case in.
    assert.match(await textOf(b, "tr[data-top='2']"), /Şükrü Güneş/);
    await app.shot("21-tagesordnung");

    await click(b, "#stand-weiter");
    await type(b, "#stand-datum", today());
    await click(b, "#stand-speichern");
    await waitForText(b, "#sitzung-stand", /^Einberufen$/);
    assert.equal(await (await b.$("button[aria-label='TOP 1 nach unten']")).isExisting(), false);
  });

  it("makes the members' sealed copies: bias declared, passwords set and handed over, one return recorded", async () => {
    await makeMemberCopies(app, { home, members: members.map((m) => m.name), cases });
  });

  it("records attendance with one deputy and shows the quorum", async () => {
    const b = app.browser;
    const seat = (name) => `tr[data-sitz="${name}"] select[id^=anwesenheit]`;
    await choose(b, seat(members[0].name), "anwesend");
    await choose(b, seat(members[1].name), "anwesend");
    await choose(b, seat(members[2].name), "vertreten");
    await chooseText(b, `tr[data-sitz="${members[2].name}"] select[id^=vertretung]`, DEPUTY);
    // The advisory members: the Integrationsbeauftragte attends, the Leitung does not.
    const advisory = await b.$$("#beratende-anwesenheit input[type=checkbox]");
    assert.equal(advisory.length, 2);
    await advisory[0].click();
    await click(b, "#anwesenheit-speichern");
    await waitForText(b, "#beschlussfaehigkeit", /3 von 3 .* beschlussfähig/);
    await waitForText(b, "#anwesenheit", new RegExp(`vertreten durch ${DEPUTY}`));
    const shown = await textOf(b, "#anwesenheit ul.sitze");
    assert.match(shown, /Integrationsbeauftragte[^\n]*\(beratend\): anwesend/);
    assert.match(shown, /Leitung der Geschäftsstelle[^\n]*\(beratend, Vorsitz\): abwesend/);
    await app.shot("22-anwesenheit");
  });

  it("decides an Ersuchen, a kein Ersuchen and a vertagt on the session day", async () => {
    const b = app.browser;
    await click(b, "#sitzungstag");
    await waitForHeading(b, `Sitzungstag – Sitzung 1/${new Date().getFullYear()}`);
    const vote = (name, value) => choose(b, `select[data-sitz="${name}"]`, value);

    // TOP 1: the first member is recused and stays in the base: one yes of three seats fails.
    assert.match(await textOf(b, "#punkt-titel-aktuell"), new RegExp(cases[0]));
    assert.equal(await (await b.$("#befangen-vorab")).isExisting(), false);
    await vote(members[0].name, "befangen");
    await vote(members[1].name, "nein");
    await vote(members[2].name, "ja");
    await waitForText(b, "#auszaehlung", /1 Ja, 1 Nein, 0 Enthaltung, 1 befangen.*2 Ja-Stimmen nötig \(zwei Drittel von 3 .*zählt mit\).*Ersuchen nicht erreicht/);
    // The member's own deputy votes yes in the seat for this item: two of three seats pass.
    await chooseText(b, `select[data-vertretung-fuer="${members[0].name}"]`, `${STAND_IN}: Ja`);
    await waitForText(b, "#auszaehlung", new RegExp(`2 Ja, 1 Nein.*vertreten durch ${STAND_IN}.*Ersuchen erreicht`));
    await type(b, "#ergebnis-begruendung", "Seit neun Jahren in Brandenburg; die Kinder gehen hier zur Schule.");
    await app.shot("23-sitzungstag");
    // Saved by keyboard, as the session secretary would.
    await (await b.$("#ergebnis-begruendung")).click();
    await b.keys(["Control", "Enter"]);
    await waitForText(b, "#punkt-titel-aktuell", new RegExp(cases[1]));

    // TOP 2: the bias declared before the session is shown beside the votes, not cast for her.
    assert.match(await textOf(b, "#befangen-vorab"), /Befangenheit angezeigt: Мария Иванова/);
    // One yes is not enough.
    await vote(members[0].name, "ja");
    await vote(members[1].name, "nein");
    await vote(members[2].name, "nein");
    await waitForText(b, "#auszaehlung", /Ersuchen nicht erreicht/);
    assert.equal(await b.execute(() => document.querySelector("#ergebnis").value), "kein_ersuchen");
    // Claiming an Ersuchen anyway is refused, naming the count.
    await choose(b, "#ergebnis", "ersuchen");
    await type(b, "#ergebnis-begruendung", "Versuch");
    await click(b, "#ergebnis-speichern");
    assert.match(await textOf(b, "#ergebnis-formular [role=alert]"), /Ersuchen ist nicht beschlossen: 1 Ja-Stimmen/);
    await choose(b, "#ergebnis", "kein_ersuchen");
    await click(b, "#ergebnis-speichern");
    await waitForText(b, "#punkt-titel-aktuell", new RegExp(cases[2]));

    // TOP 3: postponed without a vote.
    await choose(b, "#ergebnis", "vertagt");
    await type(b, "#ergebnis-begruendung", "Stellungnahme der Ausländerbehörde steht aus.");
    await click(b, "#ergebnis-speichern");
    await waitForText(b, "#punkt-ergebnis", /Vertagt/);
    await click(b, "#sitzungstag-schliessen");
    await waitForText(b, "tr[data-top='1']", /Ersuchen beschlossen/);
    assert.match(await textOf(b, "tr[data-top='2']"), /Kein Ersuchen/);
    assert.match(await textOf(b, "tr[data-top='3']"), /Vertagt/);
    await click(b, "#stand-weiter");
    await click(b, "#stand-speichern");
    await waitForText(b, "#sitzung-stand", /^Durchgeführt$/);
    await app.shot("24-sitzung-durchgefuehrt");

    // The session binder and the minutes, saved through the export buttons.
    const binder = path.join(home, "Sitzungsmappe.pdf");
    await exportTo(b, "#export-mappe", binder);
    await waitForText(b, "#dokumente", /Gespeichert: .*Sitzungsmappe\.pdf \(\d+ Seiten\)/);
    const binderText = pdfText(binder);
    for (const number of cases) assert.ok(binderText.includes(`Fallübersicht ${number}`), `binder lacks ${number}`);
    const minutes = path.join(home, "Niederschrift.pdf");
    await exportTo(b, "#export-niederschrift", minutes);
    await waitForText(b, "#dokumente", /Niederschrift\.pdf/);
    const minutesText = pdfText(minutes);
    assert.match(minutesText, /2 Ja, 1 Nein, 0 Enthaltung; 2 Ja-Stimmen nötig/);
    assert.match(minutesText.replace(/\s+/g, " "), new RegExp(`vertreten durch ${STAND_IN}`));
    const travelling = path.join(home, "Tagesordnung-Weitergabe.pdf");
    await exportTo(b, "#export-tagesordnung-weitergabe", travelling);
    await waitForText(b, "#dokumente", /Tagesordnung-Weitergabe\.pdf/);
    assert.doesNotMatch(pdfText(travelling), /Haddad|Krasniqi/);
    // The minutes once more, sealed under a one-off password shown once beside the button.
    await click(b, "#sitzung-verschluesselt");
    const sealed = path.join(home, "Niederschrift-verschluesselt.pdf");
    await exportTo(b, "#export-niederschrift", sealed);
    const oneOff = await textOf(b, "#export-niederschrift-passwort code");
    assert.ok(oneOff.length >= 16, oneOff);
    assert.throws(() => execFileSync("pdftotext", [sealed, "-"], { stdio: "pipe" }));
    assert.match(execFileSync("pdftotext", ["-upw", oneOff, sealed, "-"]).toString(), /2 Ja, 1 Nein/);
    await click(b, "#sitzung-verschluesselt");
    await (await b.$("#dokumente")).scrollIntoView();
    await app.shot("27-sitzung-dokumente");
  });

  it("records the request and the ministry's order, and each case shows its status and history", async () => {
    const b = app.browser;
    const openCase = async (number) => {
      await click(b, "button[data-bereich=faelle]");
      await waitForHeading(b, "Fälle");
      await click(b, `tr[data-fall="${number}"] button`);
      await b.waitUntil(async () => (await textOf(b, "h1")).startsWith(number));
      await openPart(b, "ministerium");
    };

    await openCase(cases[0]);
    assert.equal(await textOf(b, "#fall-stand"), "Beraten");
    await type(b, "#ersuchen-versandt", today());
    await click(b, "#ersuchen-speichern");
    await waitForText(b, "#fall-stand", /^Beim Ministerium$/);
    await click(b, "#entscheidung-erfassen");
    await click(b, "#entscheidung-anordnung");
    await type(b, "#entscheidung-massgaben", "Lebensunterhalt sichern");
    await click(b, "#entscheidung-speichern");
    await waitForText(b, "#fall-stand", /^Abgeschlossen$/);
    assert.match(await textOf(b, "#ministerium-entscheidung"), /^Anordnung vom /);
    assert.match(await textOf(b, "#ministerium"), /Lebensunterhalt sichern/);
    await app.shot("25-fall-anordnung");
    await openPart(b, "verlauf");
    const history = await textOf(b, "#verlauf");
    for (const line of ["Angenommen → Terminiert", "Terminiert → Beraten", "Beraten → Beim Ministerium", "Beim Ministerium → Abgeschlossen"]) {
      assert.ok(history.includes(line), `history lacks "${line}"`);
    }
    await openPart(b, "dokumente");
    const letter = path.join(home, "Ersuchen.pdf");
    await exportTo(b, "#export-ersuchen", letter);
    await waitForText(b, "#dokumente", /Ersuchen\.pdf \(1 Seite\)/);
    assert.ok(existsSync(letter));
    assert.match(pdfText(letter), /Härtefallersuchen gemäß § 23a Abs\. 1 AufenthG/);

    await openCase(cases[1]);
    assert.equal(await textOf(b, "#fall-stand"), "Abgeschlossen");
    assert.match(await textOf(b, "#ministerium"), /Kein Ersuchen \(1 Ja, 2 Nein, 0 Enthaltung\)/);

    await openCase(cases[2]);
    assert.equal(await textOf(b, "#fall-stand"), "Angenommen");
    assert.match(await textOf(b, "#ministerium"), /Vertagt/);
    await openPart(b, "verlauf");
    assert.match(await textOf(b, "#verlauf"), /Terminiert → Angenommen/);
    await app.shot("26-fall-vertagt");
  });

  it("decides the postponed case at a second session; the ministry refuses and the case is closed", async () => {
    const b = app.browser;
    const year = new Date().getFullYear();
    await click(b, "button[data-bereich=sitzungen]");
    await waitForHeading(b, "Sitzungen");
    await click(b, "#neue-sitzung");
    await waitForHeading(b, "Sitzung planen");
    await type(b, "#sitzung-tag", today());
    await type(b, "#sitzung-beginn", "14:00");
    await type(b, "#sitzung-ort", "Potsdam, MIK, Raum 2.14");
    await click(b, "#sitzung-speichern");
    await waitForHeading(b, `Sitzung 2/${year}`);
    await chooseText(b, "#fall-aufnehmen", cases[2]);
    await click(b, "#fall-aufnehmen-knopf");
    await waitForText(b, "tr[data-top='1']", new RegExp(cases[2]));
    await click(b, "#stand-weiter");
    await type(b, "#stand-datum", today());
    await click(b, "#stand-speichern");
    await waitForText(b, "#sitzung-stand", /^Einberufen$/);
    for (const m of members) await choose(b, `tr[data-sitz="${m.name}"] select[id^=anwesenheit]`, "anwesend");
    await click(b, "#anwesenheit-speichern");
    await waitForText(b, "#beschlussfaehigkeit", /3 von 3 .* beschlussfähig/);

    await click(b, "#sitzungstag");
    await waitForHeading(b, `Sitzungstag – Sitzung 2/${year}`);
    for (const m of members) await choose(b, `select[data-sitz="${m.name}"]`, "ja");
    await waitForText(b, "#auszaehlung", /3 Ja.*Ersuchen erreicht/);
    await type(b, "#ergebnis-begruendung", "Die Stellungnahme liegt vor; die Familie ist integriert.");
    await click(b, "#ergebnis-speichern");
    await waitForText(b, "#punkt-ergebnis", /Ersuchen/);
    await click(b, "#sitzungstag-schliessen");
    await waitForText(b, "tr[data-top='1']", /Ersuchen beschlossen/);

    await click(b, "button[data-bereich=faelle]");
    await waitForHeading(b, "Fälle");
    await click(b, `tr[data-fall="${cases[2]}"] button`);
    await b.waitUntil(async () => (await textOf(b, "h1")).startsWith(cases[2]));
    await openPart(b, "ministerium");
    await type(b, "#ersuchen-versandt", today());
    await click(b, "#ersuchen-speichern");
    await waitForText(b, "#fall-stand", /^Beim Ministerium$/);
    await click(b, "#entscheidung-erfassen");
    await click(b, "#entscheidung-ablehnung");
    await type(b, "#entscheidung-begruendung", "Die Voraussetzungen des § 23a AufenthG liegen nicht vor.");
    await click(b, "#entscheidung-speichern");
    await waitForText(b, "#fall-stand", /^Abgeschlossen$/);
    assert.match(await textOf(b, "#ministerium-entscheidung"), /^Ablehnung vom /);
    assert.match(await textOf(b, "#ministerium"), /Voraussetzungen des § 23a AufenthG liegen nicht vor/);
    await app.shot("28-fall-ablehnung");
    // The closed case offers no edit any more.
    for (const [part, edit] of [["personen", "#person-hinzufuegen"], ["haertegruende", "#haertegrund-hinzufuegen"], ["ministerium", "#entscheidung-erfassen"]]) {
      await openPart(b, part);
      assert.equal(await (await b.$(edit)).isExisting(), false, `${edit} offered on a closed case`);
    }
    await openPart(b, "verlauf");
    assert.match(await textOf(b, "#fall-abgeschlossen"), /wird nur noch gelesen/);
    await app.stop();
  });

  it("lists no exported file among the desktop's recently used files", () => {
    // GTK's file dialogs would note every PDF (with its name) in the user's home.
    const recent = path.join(home, ".local", "share", "recently-used.xbel");
    const listed = existsSync(recent) ? readFileSync(recent, "utf8") : "";
    assert.doesNotMatch(listed, /\.pdf/);
  });
});

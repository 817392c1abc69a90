// The members' copies through the window, on a session that is called and not yet held:
// bias declared on the agenda, two members' passwords set (a short one refused at its field)
// and handed over on sheets, their copies made into a folder chosen in the dialog with the
// progress bar and opened only with each password, one return recorded.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { answerFileDialog, chooseText, click, textOf, type, waitForHeading, waitForText } from "./harness.mjs";

/** `members`: the three voting members' names; `cases`: the numbers on TOP 1 to 3. */
export async function makeMemberCopies(app, { home, members, cases }) {
  const b = app.browser;
  const [gunes, ivanova] = [members[1], members[2]];
  // Мария Иванова declared bias for TOP 2 before the session: her copy leaves that case out.
  await chooseText(b, "#befangen-top", cases[1]);
  await chooseText(b, "#befangen-mitglied", ivanova);
  await click(b, "#befangen-speichern");
  await waitForText(b, "tr[data-top='2']", new RegExp(`Befangenheit vorab angezeigt: ${ivanova}`));
  await (await b.$("#befangen-top")).scrollIntoView();
  await app.shot("29-befangenheit-vorab");

  // Their passwords, under Mitglieder: a bad one first, then the suggestion, on a sheet.
  await click(b, "button[data-bereich=mitglieder]");
  await waitForHeading(b, "Mitglieder");
  const passwords = {};
  for (const name of [gunes, ivanova]) {
    await click(b, `button[aria-label="Passwort festlegen: ${name}"]`);
    await b.waitUntil(async () => (await b.$("#exemplar-passwort").getValue()).length >= 16);
    if (name === gunes) {
      await type(b, "#exemplar-passwort", "zu-kurz");
      await click(b, "#exemplar-passwort-speichern");
      assert.match(await textOf(b, "#exemplar-passwort-formular [role=alert]"), /^Passwort für das Exemplar: .*16 bis 32 Zeichen/);
      assert.equal(await b.execute(() => document.getElementById("exemplar-passwort").getAttribute("aria-invalid")), "true");
      await type(b, "#exemplar-passwort", "Sitzungsmappe-Lausitz-2026");
    }
    passwords[name] = await b.$("#exemplar-passwort").getValue();
    await click(b, "#exemplar-passwort-speichern");
    await waitForText(b, "#exemplar-passwort-neu", new RegExp(passwords[name]));
    const sheet = path.join(home, `Passwortblatt-${name === gunes ? "Gunes" : "Ivanova"}.pdf`);
    await click(b, "#passwortblatt-speichern");
    answerFileDialog("PDF speichern", sheet);
    await waitForText(b, "#exemplar-passwoerter", /Passwortblatt gespeichert/);
    assert.ok(execFileSync("pdftotext", [sheet, "-"]).toString().includes(passwords[name]), "the sheet lacks the password");
    assert.equal(await (await b.$("#exemplar-passwort-neu")).isExisting(), false, "the password is still shown");
  }
  await waitForText(b, `tr[data-passwort-mitglied="${gunes}"]`, /festgelegt am/);
  await app.shot("30-exemplar-passwoerter");

  // The copies, from the session page, into a folder chosen in the dialog.
  await click(b, "button[data-bereich=sitzungen]");
  await waitForHeading(b, "Sitzungen");
  await click(b, "tr[data-sitzung] button");
  await waitForHeading(b, `Sitzung 1/${new Date().getFullYear()}`);
  await waitForText(b, "#exemplare", /ohne TOP 2/);
  const checked = await b.execute(() => [...document.querySelectorAll("#exemplare input[type=checkbox]:checked")].length);
  assert.equal(checked, 2, "the members with a password are chosen");
  const folder = path.join(home, "Exemplare");
  mkdirSync(folder);
  await b.execute(() => {
    window.__progressSeen = false;
    new MutationObserver(() => {
      if (document.querySelector("#exemplare progress")) window.__progressSeen = true;
    }).observe(document.getElementById("exemplare"), { childList: true, subtree: true });
  });
  await click(b, "#exemplare-erstellen");
  answerFileDialog("Ordner für die Exemplare wählen", folder);
  await waitForText(b, "#exemplare-erstellt", /2 Exemplare gespeichert/, 60000);
  assert.equal(await b.execute(() => window.__progressSeen), true, "no progress bar");
  const year = new Date().getFullYear();
  for (const [name, file] of [[gunes, `Sitzung-1-${year}_Gunes.pdf`], [ivanova, `Sitzung-1-${year}_Ivanova.pdf`]]) {
    const copy = path.join(folder, file);
    assert.throws(() => execFileSync("pdftotext", [copy, "-"], { stdio: "pipe" }), undefined, "opens without a password");
    const text = execFileSync("pdftotext", ["-upw", passwords[name], copy, "-"]).toString().replace(/\s+/g, " ");
    assert.match(text, new RegExp(`Vertraulich – Exemplar für ${name}, nicht weitergeben`));
    assert.equal(text.includes(`Fallübersicht ${cases[1]}`), name === gunes, `${name} and TOP 2`);
  }
  await (await b.$("#exemplare")).scrollIntoView();
  await app.shot("31-exemplare");
  await click(b, `#exemplare-liste tbody tr:first-child button[data-verbleib=rueckgabe]`);
  await click(b, "#exemplare-liste [data-aktion=verbleib-bestaetigen]");
  await waitForText(b, "#exemplare-liste tbody tr:first-child", /Rücklauf bestätigt am/);
  assert.equal(await (await b.$("#exemplare-liste tbody tr:first-child button")).isExisting(), false);
}

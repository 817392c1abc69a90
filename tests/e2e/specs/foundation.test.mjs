// Foundation, end to end through the real window: create a file, see the recovery key,
// lock, fail with a wrong password, unlock; then restart, recover, a second instance and a
// damaged file. Screenshots of every step land in target/e2e/.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import {
  bytesOnDisk,
  click,
  defaultFile,
  holdLock,
  launch,
  sandboxHome,
  stopAll,
  textOf,
  type,
  typeKeys,
  waitForText,
  waitForHeading,
  openPart,
} from "../lib/harness.mjs";

const home = sandboxHome();
const file = defaultFile(home);
const ADMIN = "Andrea-Maria Petrlić-Woelke";
const PASSWORD = "Kiefernwald-Uckermark-Fähre-42";
const NEW_PASSWORD = "Spreewald-Gurke-Oderbruch-17";
const CLERK = "Đorđe Ćosić";
const CLERK_PASSWORD = "Lausitz-Seenland-Brücke-305";
const CLERK_OWN_PASSWORD = "Spreewald-Gurke-Kahnfahrt-812";
let recoveryKey = "";
let app = null;

after(stopAll);

describe("Foundation through the real window", () => {
  it("first run creates a file with an administrator and a confirmed recovery key", async () => {
    app = await launch({ home });
    const b = app.browser;
    await waitForHeading(b, "Neue Akte anlegen");
    const location = await (await b.$("#speicherort")).getValue();
    assert.equal(location, file, "offers the platform's default data location");
    await app.shot("01-neue-akte");

    await type(b, "#benutzername", ADMIN);
    await type(b, "#passwort", "passwort123");
    assert.match(await textOf(b, "#passwort-staerke"), /Passwortstärke: (sehr schwach|schwach)/);
    await click(b, "#weiter");
    assert.match(await textOf(b, "[role=alert]"), /^Passwort:/);

    await type(b, "#passwort", PASSWORD);
    await b.waitUntil(async () => /stark/.test(await textOf(b, "#passwort-staerke")));
    await type(b, "#passwort-wiederholen", PASSWORD);
    await app.shot("02-neue-akte-ausgefuellt");
    await click(b, "#weiter");

    recoveryKey = (await textOf(b, "#wiederherstellungsschluessel")).trim();
    assert.match(recoveryKey, /^([A-Z2-7]{4}-){7}[A-Z2-7]{4}$/);
    assert.equal(existsSync(file), false, "nothing is written before the key is confirmed");
    await app.shot("03-wiederherstellungsschluessel");

    assert.equal(await (await b.$("#akte-anlegen")).isEnabled(), false);
    await click(b, "#notiert");
    await type(b, "#letzter-block", "ZZZZ");
    await click(b, "#akte-anlegen");
    assert.match(await textOf(b, "[role=alert]"), /stimmt nicht/);

    await type(b, "#letzter-block", recoveryKey.slice(-4).toLowerCase());
    await click(b, "#akte-anlegen");
    assert.equal(await textOf(b, "#angemeldet"), `${ADMIN} (Verwaltung)`);
    await app.shot("04-hauptfenster");

    assert.notEqual(readFileSync(file).subarray(0, 15).toString("latin1"), "SQLite format 3");
    assert.equal(bytesOnDisk(file).includes(Buffer.from("Petrlić")), false);
  });

  it("shows honest empty sections and the administration page", async () => {
    const b = app.browser;
    await click(b, "button[data-bereich=auswertungen]");
    await waitForHeading(b, "Auswertungen");
    await waitForText(b, "#stand-titel", /^Fälle und Personen nach Stand, \d{4}$/);
    await click(b, "button[data-bereich=sitzungen]");
    await waitForHeading(b, "Sitzungen");
    assert.match(await textOf(b, "main section"), /Noch keine Sitzung geplant/);
    await click(b, "button[data-bereich=verwaltung]");
    await waitForHeading(b, "Verwaltung");
    assert.match(await textOf(b, "main section"), new RegExp(path.basename(file).replace(".", "\\.")));
    await type(b, "#sperrzeit", "0");
    await click(b, "#sperrzeit-speichern");
    assert.match(await textOf(b, "[role=alert]"), /^Automatische Sperre: /);
    await type(b, "#sperrzeit", "15");
    await click(b, "#sperrzeit-speichern");
    assert.match(await textOf(b, "[data-testid=meldung-erfolg]"), /15 Minuten/);
    await click(b, "#pruefkette-pruefen");
    // The first key, the creation and the one valid settings change: three rows, chained.
    await b.waitUntil(async () => /Prüfkette unversehrt: 3 Einträge/.test(await textOf(b, "main section")));
    await app.shot("05-verwaltung");
  });

  it("locks, refuses a wrong password without touching the file, and unlocks", async () => {
    const b = app.browser;
    await click(b, "#sperren");
    await waitForHeading(b, "Akte entsperren");
    await app.shot("06-gesperrt");
    const before = readFileSync(file);

    await type(b, "#benutzername", ADMIN);
    await type(b, "#passwort", "Falsches-Passwort-99");
    await click(b, "#entsperren");
    assert.equal(await textOf(b, "[role=alert]"), "Benutzername oder Passwort ist falsch.");
    await app.shot("07-falsches-passwort");
    assert.ok(readFileSync(file).equals(before), "a failed attempt leaves the file byte-identical");

    await type(b, "#passwort", PASSWORD);
    await click(b, "#entsperren");
    assert.equal(await textOf(b, "#angemeldet"), `${ADMIN} (Verwaltung)`);
    await app.shot("08-entsperrt");
    await app.stop();
    app = null;
  });

  it("after a restart, unlocks with the recovery key and a new password", async () => {
    app = await launch({ home });
    const b = app.browser;
    await waitForHeading(b, "Akte entsperren");
    assert.equal(await textOf(b, "#aktenpfad"), file);
    await click(b, "button.link");
    await waitForHeading(b, "Mit Wiederherstellungsschlüssel entsperren");
    await type(b, "#wiederherstellungsschluessel", recoveryKey.replaceAll("-", " ").toLowerCase());
    await type(b, "#benutzername", ADMIN);
    await type(b, "#neues-passwort", NEW_PASSWORD);
    await type(b, "#passwort-wiederholen", NEW_PASSWORD);
    await app.shot("09-wiederherstellung");
    await click(b, "#entsperren");
    assert.equal(await textOf(b, "#angemeldet"), `${ADMIN} (Verwaltung)`);
    // Keyboard only: Ctrl+L locks, the user name field has focus, Tab moves on, Enter submits.
    await b.keys(["Control", "l"]);
    await waitForHeading(b, "Akte entsperren");
    await b.waitUntil(async () => (await b.execute(() => document.activeElement?.id)) === "benutzername");
    await typeKeys(b, ADMIN);
    await b.keys(["Tab"]);
    await typeKeys(b, NEW_PASSWORD);
    await b.keys(["Enter"]);
    assert.equal(await textOf(b, "#angemeldet"), `${ADMIN} (Verwaltung)`);
    await app.stop();
    app = null;
  });

  it("an administrator adds a user, who signs in with their role; once removed, they are out", async () => {
    app = await launch({ home });
    const b = app.browser;
    const signIn = async (user, password) => {
      await waitForHeading(b, "Akte entsperren");
      await type(b, "#benutzername", user);
      await type(b, "#passwort", password);
      await click(b, "#entsperren");
    };
    const lockNow = async () => {
      await click(b, "#sperren");
      await waitForHeading(b, "Akte entsperren");
    };
    await signIn(ADMIN, NEW_PASSWORD);
    await click(b, "button[data-bereich=verwaltung]");
    await openPart(b, "benutzer");
    await type(b, "#neues-konto-name", CLERK);
    await type(b, "#neues-konto-passwort", CLERK_PASSWORD);
    await type(b, "#neues-konto-wiederholen", CLERK_PASSWORD);
    await click(b, "#konto-anlegen");
    assert.match(await textOf(b, "[data-testid=meldung-erfolg]"), /Konto „Đorđe Ćosić“ \(Geschäftsstelle\) angelegt/);
    assert.match(await textOf(b, `tr[data-konto="${CLERK}"]`), /Geschäftsstelle/);
    await app.shot("10-benutzerkonten");
    await openPart(b, "akte");
    await click(b, "#pruefkette-pruefen");
    await b.waitUntil(async () => /Benutzerkonto angelegt/.test(await textOf(b, "table.protokoll")));

    await lockNow();
    // The password the administrator chose opens nothing until the colleague chose their own.
    await signIn(CLERK, CLERK_PASSWORD);
    await waitForHeading(b, "Eigenes Passwort wählen");
    assert.match(await textOf(b, "main"), /von der Verwaltung vergeben/);
    assert.equal(await b.execute(() => document.activeElement?.id), "neues-passwort");
    await type(b, "#neues-passwort", CLERK_PASSWORD);
    await type(b, "#passwort-wiederholen", CLERK_PASSWORD);
    await click(b, "#entsperren");
    await waitForText(b, "main [role=alert]", /anderes Passwort als das vergebene/);
    await app.shot("10b-eigenes-passwort");
    await type(b, "#neues-passwort", CLERK_OWN_PASSWORD);
    await type(b, "#passwort-wiederholen", CLERK_OWN_PASSWORD);
    await click(b, "#entsperren");
    assert.equal(await textOf(b, "#angemeldet"), `${CLERK} (Geschäftsstelle)`);
    await click(b, "button[data-bereich=verwaltung]");
    await waitForHeading(b, "Verwaltung");
    assert.equal(await (await b.$("#sperrzeit")).isEnabled(), false);
    await openPart(b, "benutzer");
    assert.equal(await (await b.$("#konto-anlegen")).isExisting(), false, "no user administration");
    await openPart(b, "akte");
    await click(b, "#pruefkette-pruefen");
    // Earlier steps, the new account and this sign-in are all in the chain.
    await b.waitUntil(async () => /Prüfkette unversehrt: \d+ Einträge/.test(await textOf(b, "main section")));

    await lockNow();
    await signIn(ADMIN, NEW_PASSWORD);
    await click(b, "button[data-bereich=verwaltung]");
    await openPart(b, "benutzer");
    const row = `tr[data-konto="${CLERK}"]`;
    await click(b, `${row} button[data-aktion=entfernen]`);
    await click(b, `${row} button[data-aktion=entfernen-bestaetigen]`);
    assert.match(await textOf(b, "[data-testid=meldung-erfolg]"), /entfernt/);

    // The audit shows who did what: the colleague's sign-in, then the removal.
    await openPart(b, "akte");
    await click(b, "#pruefkette-pruefen");
    await b.waitUntil(async () => /Benutzerkonto entfernt/.test(await textOf(b, "table.protokoll")));
    assert.match(await textOf(b, "table.protokoll"), new RegExp(`${CLERK}\\s*Akte entsperrt`));

    await lockNow();
    await signIn(CLERK, CLERK_PASSWORD);
    assert.equal(await textOf(b, "[role=alert]"), "Benutzername oder Passwort ist falsch.");
    await app.shot("11-entferntes-konto");
    await app.stop();
    app = null;
  });

  it("a second program on the same file gets a clear message, not a second writer", async () => {
    // flock(1) takes the same OS lock a running HFK-Akte holds.
    const holder = await holdLock(`${file}.lock`);
    try {
      app = await launch({ home });
      const b = app.browser;
      await waitForHeading(b, "Akte bereits geöffnet");
      assert.match(await textOf(b, "[role=alert]"), /bereits in einem anderen Fenster/);
      await app.shot("12-zweite-instanz");
    } finally {
      await holder.release();
    }
    await click(app.browser, "#erneut-versuchen");
    await waitForHeading(app.browser, "Akte entsperren");
    await app.stop();
    app = null;
  });

  it("a damaged file is reported as damaged, with the advice to restore a backup", async () => {
    const damaged = path.join(home, "beschaedigt.hfk");
    copyFileSync(file, damaged);
    copyFileSync(`${file}.keys`, `${damaged}.keys`);
    const bytes = readFileSync(damaged);
    bytes[bytes.length - 200] ^= 0x01;
    writeFileSync(damaged, bytes);

    app = await launch({ home, env: { HFK_AKTE_DATEI: damaged } });
    const b = app.browser;
    await waitForHeading(b, "Akte entsperren");
    assert.equal(await textOf(b, "#aktenpfad"), damaged);
    await type(b, "#benutzername", ADMIN);
    await type(b, "#passwort", NEW_PASSWORD);
    await click(b, "#entsperren");
    // Unlocking reads only what it needs; the check of every page beside the work finds the
    // rest at once. Either way: German, the page named on a line of technical details.
    const said = await b.waitUntil(
      async () => {
        for (const where of ["[role=alert]", "#seitenpruefung"]) {
          const found = await b.$(where);
          if (await found.isExisting()) return found.getText();
        }
        return false;
      },
      { timeout: 20000, timeoutMsg: "the damage was never reported" },
    );
    assert.match(said, /beschädigt.*Sicherung wieder her/s);
    assert.match(said, /\nTechnische Angaben: (Seite \d+: Prüfcode \(HMAC\) stimmt nicht|SQLite-Code)/);
    assert.doesNotMatch(said, /HMAC verification|failed|file is not/);
    await app.shot("14-beschaedigt");
    await app.stop();
    app = null;
  });

  it("a key file from another case file is named as such, not as damage", async () => {
    const hfk = path.join(path.dirname(process.env.HFK_E2E_APP), "hfk");
    const other = path.join(home, "andere.hfk");
    const target = path.join(home, "fremde-schluessel.hfk");
    execFileSync(hfk, ["neue-akte", other, "--benutzer", "Şükrü Güneş"], {
      input: `${NEW_PASSWORD}\n${NEW_PASSWORD}\n`,
    });
    copyFileSync(file, target);
    copyFileSync(`${other}.keys`, `${target}.keys`);

    app = await launch({ home, env: { HFK_AKTE_DATEI: target } });
    const b = app.browser;
    await waitForHeading(b, "Akte entsperren");
    await type(b, "#benutzername", "Şükrü Güneş");
    await type(b, "#passwort", NEW_PASSWORD);
    await click(b, "#entsperren");
    const said = await textOf(b, "[role=alert]");
    assert.match(said, /^Die Schlüsseldatei .*fremde-schluessel\.hfk\.keys gehört zu einer anderen Akte \(angelegt am \d{2}\.\d{2}\.\d{4}\)\. Die Akte selbst wurde nicht verändert\./);
    assert.doesNotMatch(said, /Schlüsselfach/);
    await app.shot("15-fremde-schluesseldatei");
    await app.stop();
    app = null;
  });

  it("changes missing against the head kept in the key file are said at unlock", async () => {
    const hfk = path.join(path.dirname(process.env.HFK_E2E_APP), "hfk");
    const gap = path.join(home, "luecke.hfk");
    copyFileSync(file, gap);
    copyFileSync(`${file}.keys`, `${gap}.keys`);
    const older = readFileSync(gap);
    // Saves made elsewhere (the command line), then the older database put back beside the
    // newer key file: as a stale copy or a lost log would leave it.
    execFileSync(hfk, ["einstellung", gap, "idle_lock_minutes", "15", "--benutzer", ADMIN], {
      input: `${NEW_PASSWORD}\n`,
    });
    writeFileSync(gap, older);

    app = await launch({ home, env: { HFK_AKTE_DATEI: gap } });
    const b = app.browser;
    await waitForHeading(b, "Akte entsperren");
    await type(b, "#benutzername", ADMIN);
    await type(b, "#passwort", NEW_PASSWORD);
    await click(b, "#entsperren");
    const said = await textOf(b, "#pruefkette-luecke");
    assert.match(said, /^Die letzten \d+ Änderungen fehlen in der Akte \(festgestellt am \d{2}\.\d{2}\.\d{4}\)/);
    assert.match(said, /Sicherung wieder her/);
    await app.shot("16-pruefkette-luecke");
    await app.stop();
    app = null;
  });
});

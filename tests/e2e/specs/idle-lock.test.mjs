// The idle lock as a clerk meets it: the shell locks an idle file even when the page hangs,
// and the form that was open comes back after unlocking; a warning comes first, and zoom is
// remembered across starts. Slow by nature (the shortest idle limit is one minute).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  click,
  createFileAsAdministrator,
  launch,
  sandboxHome,
  stopAll,
  textOf,
  type,
  waitForHeading,
  waitForText,
} from "../lib/harness.mjs";

const home = sandboxHome();
const ADMIN = "Şükrü Güneş";
const PASSWORD = "Kiefernwald-Uckermark-Fähre-42";
let app = null;

after(stopAll);

describe("The idle lock through the real window", () => {
  before(async () => {
    app = await launch({ home });
    await createFileAsAdministrator(app.browser, ADMIN, PASSWORD);
    await app.stop();
    app = null;
  });

  it("the shell itself locks an idle file, even when the page hangs, and the open form comes back", async () => {
    app = await launch({ home });
    const b = app.browser;
    await waitForHeading(b, "Akte entsperren");
    await type(b, "#benutzername", ADMIN);
    await type(b, "#passwort", PASSWORD);
    await click(b, "#entsperren");
    await textOf(b, "#angemeldet");
    await click(b, "button[data-bereich=verwaltung]");
    await type(b, "#sperrzeit", "1");
    await click(b, "#sperrzeit-speichern");
    await textOf(b, "[data-testid=meldung-erfolg]");
    // A member being typed in when the lock comes: the shell keeps the form for this user.
    await click(b, "button[data-bereich=mitglieder]");
    await waitForHeading(b, "Mitglieder");
    await click(b, "#mitglied-anlegen");
    // The form takes focus, and the section heading's focus (a frame later) does not take it back.
    await b.waitUntil(async () => (await b.execute(() => document.activeElement?.id)) === "mitglied-name", {
      timeout: 3000,
      timeoutMsg: "the new form did not take focus",
    });
    await b.pause(300);
    assert.equal(await b.execute(() => document.activeElement?.id), "mitglied-name", "the form kept focus");
    await type(b, "#mitglied-name", "زينب الهاشمي");
    await type(b, "#mitglied-von", "01.01.2026");
    await b.pause(2500);
    // Block the page's own idle timer with a busy loop longer than the limit; only the
    // shell's guard (checking every 2 s; its reload waits for the loop to end) can lock meanwhile.
    await b.setTimeout({ script: 120000 });
    await b.execute(() => {
      const end = Date.now() + 80_000;
      while (Date.now() < end) {
        // busy: no timers, no events
      }
    });
    await waitForHeading(b, "Akte entsperren", 20000);
    assert.match(await textOf(b, "main [role=status]"), /nach 1 Minute ohne Eingabe gesperrt/);
    // Nothing of the form is left in the locked page.
    assert.doesNotMatch(await b.execute(() => document.documentElement.outerHTML), /زينب/);
    await app.shot("13-automatisch-gesperrt");
    const err = await b.execute(async () => {
      try {
        await window.__TAURI_INTERNALS__.invoke("file_info");
        return "offen";
      } catch (e) {
        return e.code;
      }
    });
    assert.equal(err, "not_unlocked", "the shell really closed the file");

    // The same user unlocks: back in Mitglieder, the form open with what was typed, unsaved.
    await type(b, "#benutzername", ADMIN);
    await type(b, "#passwort", PASSWORD);
    await click(b, "#entsperren");
    await waitForHeading(b, "Mitglieder");
    await waitForText(b, "#entwurf-zurueck", /Eingaben von vor der Sperre sind wiederhergestellt/);
    await b.waitUntil(async () => (await b.execute(() => document.querySelector("#mitglied-name")?.value)) === "زينب الهاشمي", {
      timeoutMsg: "the typed name did not come back",
    });
    assert.equal(await b.execute(() => document.querySelector("#mitglied-von").value), "01.01.2026");
    assert.equal(await b.execute(() => document.activeElement?.id), "mitglied-name");
    await app.shot("13a-entwurf-zurueck");
    // Cancelled: the shell forgets the form at once, so after locking again none comes back.
    await click(b, "#mitglied-formular button.zweitrangig");
    await b.pause(2500);
    await click(b, "#sperren");
    await waitForHeading(b, "Akte entsperren");
    await type(b, "#benutzername", ADMIN);
    await type(b, "#passwort", PASSWORD);
    await click(b, "#entsperren");
    await waitForHeading(b, "Übersicht");
    await app.stop();
    app = null;
  });

  /** The zoom is said in a status line only screen readers see (so not as visible text). */
  const zoomSaid = (b, pattern) =>
    b.waitUntil(async () => pattern.test(await b.execute(() => document.querySelector("#vergroesserung")?.textContent ?? "")), {
      timeout: 5000,
      timeoutMsg: `zoom never said ${pattern}`,
    });

  it("Ctrl+Plus zooms and is remembered; a warning comes before the idle lock, and staying signed in keeps the file open", async () => {
    // A window left by a failed test before would hold the file: this test starts its own.
    if (app) await app.stop();
    app = await launch({ home });
    const b = app.browser;
    await waitForHeading(b, "Akte entsperren");
    const plainWidth = await b.execute(() => window.innerWidth);
    // Zoom: Ctrl+Plus twice (WebDriver sends the key as "="), and the CSS width shrinks by the factor.
    await b.keys(["Control", "+"]);
    await zoomSaid(b, /Vergrößerung 110 %/);
    await b.keys(["Control", "+"]);
    await zoomSaid(b, /Vergrößerung 125 %/);
    const zoomed = await b.execute(() => window.innerWidth);
    assert.ok(Math.abs(zoomed * 1.25 - plainWidth) < 3, `${zoomed} × 1.25 ≠ ${plainWidth}`);
    await app.stop();
    // The next start opens at the same zoom; Ctrl+0 goes back to 100 %.
    app = await launch({ home });
    const c = app.browser;
    await waitForHeading(c, "Akte entsperren");
    assert.ok(Math.abs((await c.execute(() => window.innerWidth)) * 1.25 - plainWidth) < 3, "zoom not remembered");
    await c.keys(["Control", "0"]);
    await zoomSaid(c, /Vergrößerung 100 %/);
    assert.equal(await c.execute(() => window.innerWidth), plainWidth);

    await type(c, "#benutzername", ADMIN);
    await type(c, "#passwort", PASSWORD);
    await click(c, "#entsperren");
    await textOf(c, "#angemeldet");
    // The limit is still 1 minute (set above): the warning comes after half of it, untouched.
    const warning = await c.$("#sperrwarnung");
    await warning.waitForDisplayed({ timeout: 45000 });
    assert.match(await warning.getText(), /In \d+ Sekunden wird\s+die Akte gesperrt/);
    assert.equal(await c.execute(() => document.activeElement?.id), "angemeldet-bleiben");
    await app.shot("13b-sperrwarnung");
    await click(c, "#angemeldet-bleiben");
    await warning.waitForDisplayed({ reverse: true, timeout: 5000 });
    // Past the old deadline: still signed in.
    await c.pause(32000);
    assert.equal(await (await c.$("#angemeldet")).isDisplayed(), true);
    await app.stop();
    app = null;
  });

});

// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { focusWhenShown } from "./focus";

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

describe("focus after a section change", () => {
  it("moves to the new view's heading once it is shown", async () => {
    document.body.innerHTML = `<nav><button id="knopf">Mitglieder</button></nav><main id="inhalt"></main>`;
    const main = document.getElementById("inhalt")!;
    document.getElementById("knopf")!.focus();
    focusWhenShown(() => main, "h1");
    await frame();
    main.innerHTML = `<h1>Mitglieder</h1>`;
    await frame();
    await frame();
    expect(document.activeElement?.textContent).toBe("Mitglieder");
  });

  it("leaves focus where a form opened in the view before the heading's turn came", async () => {
    document.body.innerHTML = `<nav><button id="knopf">Mitglieder</button></nav>
      <main id="inhalt"><h1>Mitglieder</h1><input id="mitglied-name" /></main>`;
    const main = document.getElementById("inhalt")!;
    document.getElementById("knopf")!.focus();
    focusWhenShown(() => main, "h1");
    document.getElementById("mitglied-name")!.focus();
    await frame();
    await frame();
    expect(document.activeElement?.id).toBe("mitglied-name");
  });

  it("moves to the new heading when a button inside the old view asked for the change", async () => {
    document.body.innerHTML = `<main id="inhalt"><h1>Übersicht</h1><button id="sichern">Sicherung</button></main>`;
    const main = document.getElementById("inhalt")!;
    document.getElementById("sichern")!.focus();
    focusWhenShown(() => main, "h1");
    // The button stays in the view until the new section is drawn (a slow section).
    await frame();
    main.innerHTML = `<h1>Verwaltung</h1>`;
    await frame();
    expect(document.activeElement?.textContent).toBe("Verwaltung");
  });
});

// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { markFields } from "./field-errors";

function form(): HTMLFormElement {
  document.body.innerHTML = `
    <form id="person-formular">
      <div data-testid="meldung-fehler">Bitte prüfen Sie 2 Angaben</div>
      <label for="name">Familienname<span aria-hidden="true"> *</span></label>
      <input id="name" aria-describedby="name-hinweis" />
      <div id="name-hinweis">Wie im Pass</div>
      <label><input type="checkbox" id="einv" /> liegt vor</label>
      <fieldset><legend>Ergebnis</legend><input type="radio" id="ja" /><input type="radio" id="nein" /></fieldset>
      <label for="ort">Geburtsort</label><input id="ort" />
    </form>`;
  return document.querySelector("form")!;
}

describe("markFields", () => {
  it("marks each named field, links its message and focuses the first", () => {
    const f = form();
    const undo = markFields(f, [
      { field: "Familienname", message: "Bitte ausfüllen." },
      { field: "Ergebnis", message: "Bitte wählen." },
      { field: "Prüfliste", message: "steht in keinem Feld" },
    ]);
    const name = document.getElementById("name")!;
    expect(name.getAttribute("aria-invalid")).toBe("true");
    const [note, hint] = name.getAttribute("aria-describedby")!.split(" ");
    expect(document.getElementById(note)!.textContent).toBe("Bitte ausfüllen.");
    expect(hint).toBe("name-hinweis");
    expect(name.nextElementSibling?.id).toBe(note);
    for (const id of ["ja", "nein"]) expect(document.getElementById(id)!.getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(name);
    expect(document.getElementById("ort")!.hasAttribute("aria-invalid")).toBe(false);
    expect(f.querySelectorAll(".feldfehler")).toHaveLength(2);

    undo();
    expect(name.hasAttribute("aria-invalid")).toBe(false);
    expect(name.getAttribute("aria-describedby")).toBe("name-hinweis");
    expect(f.querySelectorAll(".feldfehler")).toHaveLength(0);
  });

  it("finds a control by the name it carries or by its aria-label, and a group named in brackets", () => {
    document.body.innerHTML = `
      <form>
        <label for="alt">Bisheriges Passwort</label><input id="alt" type="password" />
        <label for="neu">Neues Passwort</label><input id="neu" type="password" data-feld="Passwort" />
        <input id="notiz" aria-label="Anmerkung zu: Straftaten" />
        <fieldset><legend>Ausschlussgründe (Prüfliste)</legend><input type="checkbox" id="k" /></fieldset>
      </form>`;
    markFields(document.querySelector("form")!, [
      { field: "Passwort", message: "Zu schwach." },
      { field: "Anmerkung zu: Straftaten", message: "Zu lang." },
      { field: "Prüfliste", message: "Unbeantwortet." },
    ]);
    const invalid = [...document.querySelectorAll("[aria-invalid=true]")].map((e) => e.id);
    expect(invalid).toEqual(["neu", "notiz", "k"]);
    expect(document.activeElement?.id).toBe("neu");
    const ids = [...document.querySelectorAll(".feldfehler")].map((e) => e.id);
    expect(new Set(ids).size).toBe(3);
  });

  it("puts the message after a label that holds its box, and joins two messages of one field", () => {
    const f = form();
    markFields(f, [
      { field: "liegt vor", message: "Erstens." },
      { field: "liegt vor", message: "Zweitens." },
    ]);
    const label = document.getElementById("einv")!.closest("label")!;
    expect(label.nextElementSibling?.textContent).toBe("Erstens. Zweitens.");
  });
});

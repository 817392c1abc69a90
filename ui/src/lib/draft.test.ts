// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { captureOpenForm, fillForm, where } from "./draft.svelte";

describe("the draft of the open form", () => {
  it("keeps every field by id but never a password, and fills it back", () => {
    document.body.innerHTML = `
      <form data-entwurf="person" data-entwurf-ziel="7">
        <input id="name" value="Дудаев" />
        <input id="geheim" type="password" value="x" />
        <input id="ja" type="checkbox" checked />
        <select id="staat"><option value="">–</option><option value="RU">Russland</option></select>
        <textarea id="verlauf">Asylantrag 2015</textarea>
      </form>`;
    (document.getElementById("staat") as HTMLSelectElement).value = "RU";
    where.section = "faelle";
    where.caseId = 3;
    where.part = "personen";
    const draft = captureOpenForm()!;
    expect(draft.form).toBe("person");
    expect(draft.target).toBe("7");
    expect(draft.where).toEqual({ section: "faelle", caseId: 3, part: "personen" });
    expect(draft.values).toEqual({ name: "Дудаев", ja: true, staat: "RU", verlauf: "Asylantrag 2015" });

    document.body.innerHTML = `
      <form data-entwurf="person"><input id="name" /><input id="ja" type="checkbox" />
      <select id="staat"><option value="">–</option><option value="RU">Russland</option></select></form>`;
    const seen: string[] = [];
    document.addEventListener("input", (e) => seen.push(`input:${(e.target as HTMLElement).id}`));
    document.addEventListener("change", (e) => seen.push(`change:${(e.target as HTMLElement).id}`));
    const complete = fillForm(document.querySelector("form")!, draft.values);
    expect(complete).toBe(false); // the text area is not there
    expect((document.getElementById("name") as HTMLInputElement).value).toBe("Дудаев");
    expect((document.getElementById("ja") as HTMLInputElement).checked).toBe(true);
    expect((document.getElementById("staat") as HTMLSelectElement).value).toBe("RU");
    expect(seen).toEqual(["input:name", "change:ja", "change:staat"]);
  });

  it("has nothing to keep when no form is open", () => {
    document.body.innerHTML = `<form id="einstellungen"><input id="tage" value="30" /></form>`;
    expect(captureOpenForm()).toBeNull();
  });
});

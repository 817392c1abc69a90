import { describe, expect, it } from "vitest";
import { caseList, forgetCaseList, pageOf } from "./case-list-state.svelte";

describe("case list state", () => {
  it("names the page and the number of pages", () => {
    expect(pageOf(0, 50, 0)).toBe("Seite 1 von 1");
    expect(pageOf(0, 50, 50)).toBe("Seite 1 von 1");
    expect(pageOf(100, 50, 580)).toBe("Seite 3 von 12");
  });

  it("is forgotten on lock", () => {
    caseList.search = "Güneş";
    caseList.offset = 100;
    forgetCaseList();
    expect(caseList.search).toBe("");
    expect(caseList.offset).toBe(0);
    expect(caseList.sort).toBe("number");
  });
});

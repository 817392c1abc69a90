// What the case list shows — search, filters, sort, page and where the user had scrolled —
// kept while the window is unlocked, so that coming back from a case finds the list as it was
// left. Cleared when the file locks: a search may hold a name.
import type { CaseSort, CaseStatus } from "./bindings";

export type CaseListState = {
  search: string;
  status: CaseStatus | "";
  year: string;
  member: string;
  nationality: string;
  office: string;
  sort: CaseSort;
  descending: boolean;
  offset: number;
  /** The window's scroll position when a case was opened from the list. */
  scrollY: number;
};

function fresh(): CaseListState {
  return {
    search: "",
    status: "",
    year: "",
    member: "",
    nationality: "",
    office: "",
    sort: "number",
    descending: true,
    offset: 0,
    scrollY: 0,
  };
}

export const caseList = $state<CaseListState>(fresh());

/** Forgets the list's state (on lock). */
export function forgetCaseList() {
  Object.assign(caseList, fresh());
}

/** "Seite 3 von 12" for a page of `limit` rows starting at `offset` of `total`. */
export function pageOf(offset: number, limit: number, total: number): string {
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.min(pages, Math.floor(offset / limit) + 1);
  return `Seite ${page} von ${pages}`;
}

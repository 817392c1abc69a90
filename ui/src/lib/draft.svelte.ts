// Lock without loss, the page's side: what the open form holds is handed to the shell while
// the user types (the shell keeps it in memory across a lock; the page itself is thrown away
// by the lock). After the same user unlocks, the page goes back to where the form was, the
// form opens again and its fields are filled in. Only forms marked `data-entwurf="name"` take
// part; `data-entwurf-ziel` says which record they edit. Passwords are never kept.
import { tick } from "svelte";
import { api } from "./api";
import { focusFirstField } from "./focus";

/** Where the user is: the section, the case and the part of its page. */
export type Place = { section: string; caseId: number | null; part: string };

export type Draft = {
  where: Place;
  /** The form's `data-entwurf`. */
  form: string;
  /** The form's `data-entwurf-ziel`: the record it edits ("" for a new one). */
  target: string;
  /** Each field by id: its text, or whether it is ticked. */
  values: Record<string, string | boolean>;
};

/** Kept up to date by the frame and the case page. */
export const where = $state<Place>({ section: "uebersicht", caseId: null, part: "" });

const restored = $state<{ draft: Draft | null; notice: string }>({ draft: null, notice: "" });

/** The draft given back after unlocking, until its form claims it. */
export function pendingDraft(): Draft | null {
  return restored.draft;
}

/** What the frame says once a form came back ("" otherwise). */
export function restoredNotice(): string {
  return restored.notice;
}

/** Asks the shell for a draft of this user (after unlocking); forgets any earlier one. */
export async function fetchDraft(): Promise<void> {
  restored.draft = null;
  restored.notice = "";
  try {
    const text = await api.takeDraft();
    restored.draft = text ? (JSON.parse(text) as Draft) : null;
  } catch {
    // A draft that cannot be read is lost; the file opens as usual.
  }
}

/** Forgets the draft and the notice (on lock, and when the user goes elsewhere first). */
export function forgetDraft() {
  restored.draft = null;
  restored.notice = "";
}

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function fieldsOf(form: HTMLElement): Field[] {
  return [...form.querySelectorAll<Field>("input[id], select[id], textarea[id]")].filter(
    (f) => !(f instanceof HTMLInputElement && ["password", "hidden", "file"].includes(f.type)),
  );
}

function ticked(f: Field): f is HTMLInputElement {
  return f instanceof HTMLInputElement && (f.type === "checkbox" || f.type === "radio");
}

/** The open form as a draft; `null` when none is open. */
export function captureOpenForm(root: ParentNode = document): Draft | null {
  const form = root.querySelector<HTMLElement>("form[data-entwurf]");
  if (!form?.dataset.entwurf) return null;
  const values: Record<string, string | boolean> = {};
  for (const f of fieldsOf(form)) values[f.id] = ticked(f) ? f.checked : f.value;
  return { where: { ...where }, form: form.dataset.entwurf, target: form.dataset.entwurfZiel ?? "", values };
}

/** Puts the values back into `form`; tells whether every field was found. */
export function fillForm(form: HTMLElement, values: Record<string, string | boolean>): boolean {
  let all = true;
  const byId = new Map(fieldsOf(form).map((f) => [f.id, f]));
  for (const [id, value] of Object.entries(values)) {
    const f = byId.get(id);
    if (!f) {
      all = false;
      continue;
    }
    if (ticked(f)) {
      // A radio button is set by ticking the chosen one (which unticks the others).
      if (f.type === "radio" && value !== true) continue;
      if (f.checked !== value) {
        f.checked = value === true;
        f.dispatchEvent(new Event("change", { bubbles: true }));
      }
    } else if (f.value !== value) {
      f.value = String(value);
      f.dispatchEvent(new Event(f instanceof HTMLSelectElement ? "change" : "input", { bubbles: true }));
    }
  }
  return all;
}

/**
 * The draft for the form `name` of case `caseId` (none for forms outside a case), once: the
 * component opens that form when it gets one, and its fields are filled as soon as it is
 * shown (fields that appear only after a box is ticked are filled on the next round). A
 * component that may not edit does not ask.
 */
export function claimDraft(name: string, caseId: number | null = null): Draft | null {
  const draft = restored.draft;
  if (!draft || draft.form !== name || draft.where.caseId !== caseId) return null;
  restored.draft = null;
  void fillWhenShown(draft);
  return draft;
}

async function fillWhenShown(draft: Draft) {
  for (let round = 0; round < 300; round++) {
    await tick();
    await new Promise((done) => requestAnimationFrame(done));
    const form = [...document.querySelectorAll<HTMLElement>("form[data-entwurf]")].find(
      (f) => f.dataset.entwurf === draft.form,
    );
    if (!form) continue;
    if (!fillForm(form, draft.values)) {
      await tick();
      fillForm(form, draft.values);
    }
    restored.notice =
      "Ihre Eingaben von vor der Sperre sind wiederhergestellt. Sie sind noch nicht gespeichert: bitte prüfen und speichern.";
    focusFirstField(form);
    return;
  }
  // The form never appeared (the case could not be opened): the draft is not offered elsewhere.
  forgetDraft();
}

/**
 * Sends the open form to the shell when it changed: soon after input, and as soon as a form
 * opens or closes (saved or cancelled: the shell then forgets it, so that a lock right after
 * saving does not bring back a form already saved), and every two seconds.
 */
export class DraftKeeper {
  #sent = "null";
  #every: ReturnType<typeof setInterval> | null = null;
  #soon: ReturnType<typeof setTimeout> | null = null;
  #watch: MutationObserver | null = null;
  #open = false;
  #onInput = () => {
    if (this.#soon) clearTimeout(this.#soon);
    this.#soon = setTimeout(() => void this.flush(), 400);
  };

  start() {
    this.stop();
    this.#sent = "null";
    document.addEventListener("input", this.#onInput, true);
    document.addEventListener("change", this.#onInput, true);
    this.#every = setInterval(() => void this.flush(), 2_000);
    // A form appearing or leaving is sent at once.
    this.#watch = new MutationObserver(() => {
      const open = document.querySelector("form[data-entwurf]") !== null;
      if (open !== this.#open) void this.flush();
    });
    this.#watch.observe(document.body, { childList: true, subtree: true });
  }

  stop() {
    document.removeEventListener("input", this.#onInput, true);
    document.removeEventListener("change", this.#onInput, true);
    if (this.#every) clearInterval(this.#every);
    if (this.#soon) clearTimeout(this.#soon);
    this.#watch?.disconnect();
    this.#every = this.#soon = this.#watch = null;
  }

  /** Hands the open form (or that none is open) to the shell, if that changed. */
  async flush(): Promise<void> {
    const draft = captureOpenForm();
    this.#open = draft !== null;
    // The form that came back was saved or closed: its notice goes too.
    if (!draft && !restored.draft) restored.notice = "";
    const text = draft ? JSON.stringify(draft) : "null";
    if (text === this.#sent) return;
    this.#sent = text;
    try {
      await api.keepDraft(draft ? text : null);
    } catch {
      // Not kept (locked meanwhile, or too large): tried again with the next change.
      this.#sent = "";
    }
  }
}

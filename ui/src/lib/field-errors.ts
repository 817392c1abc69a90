// Errors at their fields: each invalid field of a form is marked (`aria-invalid`), its message
// stands right below it and is linked with `aria-describedby`, and focus moves to the first
// one while the summary at the top of the form is brought into view. Fields are found by the
// label the user sees, which is how the core names them in its messages.
import type { Attachment } from "svelte/attachments";
import type { FieldProblem } from "./bindings";

type Target = { controls: HTMLElement[]; after: Element };

/** Numbers the messages, so that their ids are unique in the page. */
let notes = 0;

/** The form last sent: several forms may share one Action, and only this one is marked. */
let submitted: EventTarget | null = null;
if (typeof document !== "undefined") document.addEventListener("submit", (e) => (submitted = e.target), true);

/** A label's text as the core names the field: without the required-field star. */
function labelText(element: Element): string {
  return (element.textContent ?? "").replace(/\*/g, "").replace(/\s+/g, " ").trim().toLowerCase();
}

function controlsIn(element: Element): HTMLElement[] {
  return [...element.querySelectorAll<HTMLElement>("input, select, textarea")];
}

/** The controls a field name refers to, and where its message goes. */
function findField(form: HTMLElement, field: string): Target | null {
  const wanted = field.replace(/\s+/g, " ").trim().toLowerCase();
  // A control whose label says more than the core's name for it carries that name itself
  // (`data-feld`, e.g. "Passwort" for "Neues Passwort"), or it has no visible label but an
  // aria-label ("Anmerkung zu: …").
  for (const control of controlsIn(form)) {
    const named = control.dataset.feld ?? control.getAttribute("aria-label") ?? "";
    if (named.trim().toLowerCase() === wanted) return { controls: [control], after: control };
  }
  for (const label of form.querySelectorAll("label, legend")) {
    // "Lebensgeschichte" names the field labelled "Lebensgeschichte (Zusammenfassung)", and
    // "Prüfliste" the group "Ausschlussgründe (Prüfliste)".
    const text = labelText(label);
    if (text !== wanted && !text.startsWith(`${wanted} (`) && !text.endsWith(`(${wanted})`)) continue;
    if (label instanceof HTMLLegendElement) {
      const set = label.closest("fieldset");
      if (set) return { controls: controlsIn(set), after: label };
    }
    const forId = (label as HTMLLabelElement).htmlFor;
    const control = forId ? document.getElementById(forId) : controlsIn(label)[0];
    if (!control) continue;
    // A box inside its label: the message goes after the label; otherwise after the control.
    return { controls: [control], after: label.contains(control) ? label : control };
  }
  return null;
}

/**
 * Marks the fields `problems` name inside `form` and returns what undoes it. Several
 * messages for one field stand together. Problems naming no field of the form stay only in
 * the summary. Focus moves to the first marked field when `focus` is set.
 */
export function markFields(form: HTMLElement, problems: FieldProblem[], focus = true): () => void {
  const undo: (() => void)[] = [];
  const byField = new Map<string, string[]>();
  for (const p of problems) byField.set(p.field, [...(byField.get(p.field) ?? []), p.message]);
  let first: HTMLElement | null = null;
  for (const [field, messages] of byField) {
    const target = findField(form, field);
    if (!target) continue;
    const note = document.createElement("div");
    note.className = "feldfehler";
    note.id = `feldfehler-${++notes}`;
    note.textContent = messages.join(" ");
    target.after.insertAdjacentElement("afterend", note);
    undo.push(() => note.remove());
    for (const control of target.controls) {
      const invalid = control.getAttribute("aria-invalid");
      const described = control.getAttribute("aria-describedby");
      control.setAttribute("aria-invalid", "true");
      control.setAttribute("aria-describedby", [note.id, described].filter(Boolean).join(" "));
      undo.push(() => {
        if (invalid === null) control.removeAttribute("aria-invalid");
        else control.setAttribute("aria-invalid", invalid);
        if (described === null) control.removeAttribute("aria-describedby");
        else control.setAttribute("aria-describedby", described);
      });
    }
    const control = target.controls[0];
    // The first invalid field in the form's order, whatever order the core checked in.
    if (control && (!first || first.compareDocumentPosition(control) & Node.DOCUMENT_POSITION_PRECEDING)) first = control;
  }
  if (focus && problems.length) {
    form.querySelector('[data-testid="meldung-fehler"]')?.scrollIntoView?.({ block: "nearest" });
    first?.focus();
  }
  return () => undo.forEach((step) => step());
}

/** `{@attach fieldMarks(action)}` on a form: marks what the last failure of `source` named. */
export function fieldMarks(source: { readonly fields: FieldProblem[] }): Attachment<HTMLElement> {
  return (form) => {
    const problems = source.fields;
    if (!problems.length || form !== submitted) return;
    return markFields(form, problems);
  };
}

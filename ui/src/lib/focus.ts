// Where focus goes after an action: a form that opens takes it in its first field, a saved
// row or a panel takes it back when the form closes, so that keyboard and screen-reader users
// never land on the page body.

const FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";

/** Focuses `element`, making it focusable by script if it is not (a heading, a table row). */
export function focusOn(element: HTMLElement | null) {
  if (!element) return;
  if (!element.matches(FOCUSABLE)) element.tabIndex = -1;
  element.focus();
}

/** Focuses the first element matching `selector` once the view has updated. */
export function focusSoon(selector: string) {
  requestAnimationFrame(() => focusOn(document.querySelector<HTMLElement>(selector)));
}

/**
 * Focuses the first match of `selector` inside `root` as soon as it is shown (a view that
 * loads first renders its heading a moment later); gives up after about two seconds. If focus
 * has meanwhile landed inside the view (a form opened at once, a restored draft), it stays there.
 */
export function focusWhenShown(root: () => HTMLElement | null, selector: string) {
  // A button inside the old view that asked for the change does not count as focus that landed.
  const before = document.activeElement;
  let frames = 120;
  const attempt = () => {
    const view = root();
    const active = document.activeElement;
    if (view && active && active !== before && active !== view && view.contains(active)) return;
    const element = view?.querySelector<HTMLElement>(selector);
    if (element) focusOn(element);
    else if (frames-- > 0) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

/** `{@attach focusFirstField}` on a form that opens on demand: its first field takes focus. */
export function focusFirstField(form: HTMLElement) {
  queueMicrotask(() =>
    form
      .querySelector<HTMLElement>("input:not([type=hidden]):not(:disabled), select:not(:disabled), textarea:not(:disabled)")
      ?.focus(),
  );
}

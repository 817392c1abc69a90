// The workspace's one scrolling area: the header and the navigation stay in place, the
// content (`#inhalt`) scrolls. Views that remember or reset a scroll position use this.

/**
 * The element that scrolls the content: `#inhalt`, or the document itself before the frame
 * is shown and on narrow windows (where the whole page scrolls, see MainFrame).
 */
export function contentArea(): HTMLElement {
  const content = document.getElementById("inhalt");
  if (content && getComputedStyle(content).overflowY !== "visible") return content;
  return (document.scrollingElement as HTMLElement | null) ?? document.documentElement;
}

/** How far the content is scrolled. */
export function contentScrollTop(): number {
  return contentArea().scrollTop;
}

/** Scrolls the content to `top` (0: its beginning). */
export function scrollContentTo(top: number) {
  contentArea().scrollTo({ top, left: 0 });
}

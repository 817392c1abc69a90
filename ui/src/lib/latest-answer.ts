/**
 * Keeps only the newest of overlapping requests: answers may arrive out of order, and an
 * older one must not overwrite what a newer request shows.
 */
export class LatestAnswer {
  #newest = 0;

  /** Starts a request; the returned function tells whether it is still the newest. */
  begin(): () => boolean {
    const mine = ++this.#newest;
    return () => mine === this.#newest;
  }
}

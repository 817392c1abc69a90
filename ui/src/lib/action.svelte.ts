// The busy/error plumbing every form and panel needs, once: an Action runs one user action at
// a time and keeps its German error; a Resource loads what a view shows and reloads it on
// demand, keeping only the newest answer. Components call them from event handlers and at
// creation, not from $effect.
import { fieldsOf, messageOf } from "./api";
import type { FieldProblem } from "./bindings";
import { LatestAnswer } from "./latest-answer";

export class Action {
  busy = $state(false);
  error = $state("");
  /** The invalid fields of the last failure, for `markFields` on the form. */
  fields = $state<FieldProblem[]>([]);

  #fail(e: unknown) {
    this.error = messageOf(e);
    this.fields = fieldsOf(e);
  }

  /** Runs `work`; its result, or undefined after a failure (the error is then set). */
  async run<T>(work: () => Promise<T>): Promise<T | undefined> {
    this.clear();
    this.busy = true;
    try {
      return await work();
    } catch (e) {
      this.#fail(e);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /** Runs `work` and hands a successful result to `use`; tells whether it succeeded. */
  async apply<T>(work: () => Promise<T>, use: (result: T) => void): Promise<boolean> {
    this.clear();
    this.busy = true;
    try {
      use(await work());
      return true;
    } catch (e) {
      this.#fail(e);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Forgets the error and the marks on the fields (also when a form is cancelled). */
  clear() {
    this.error = "";
    this.fields = [];
  }
}

export class Resource<T> {
  value = $state<T | null>(null);
  error = $state("");
  /** The invalid fields of the last failure (a view loaded from a form's choice). */
  fields = $state<FieldProblem[]>([]);
  loading = $state(false);
  #load: () => Promise<T>;
  #answers = new LatestAnswer();

  /** Starts loading at once. */
  constructor(load: () => Promise<T>) {
    this.#load = load;
    this.reload();
  }

  async reload(): Promise<void> {
    const current = this.#answers.begin();
    this.loading = true;
    try {
      const value = await this.#load();
      if (current()) {
        this.value = value;
        this.error = "";
        this.fields = [];
      }
    } catch (e) {
      if (current()) {
        this.error = messageOf(e);
        this.fields = fieldsOf(e);
      }
    } finally {
      if (current()) this.loading = false;
    }
  }
}

// The one door to the shell: every command goes through here. A failed command becomes an
// ApiError carrying the stable code the UI decides on and the German message it shows.
import { invoke } from "@tauri-apps/api/core";
import { commands, type CommandError, type ErrorCode, type FieldProblem } from "./bindings";

export class ApiError extends Error {
  readonly code: ErrorCode;
  /** What SQLite, SQLCipher or the system reported, in German; shown on a line of its own. */
  readonly technical: string | null;
  /** The invalid fields, each named as its form labels it (empty for other errors). */
  readonly fields: FieldProblem[];
  constructor(error: CommandError | string) {
    // The IPC layer itself rejects with a bare string (a command the window may not call,
    // say); that must still reach the user as a message, never as an empty box.
    if (typeof error === "string" || !error?.message) {
      super(`Unerwarteter Fehler: ${typeof error === "string" ? error : "keine Meldung"}`);
      this.code = "internal";
      this.technical = null;
      this.fields = [];
    } else {
      super(error.message);
      this.code = error.code;
      this.technical = "technical" in error ? (error.technical ?? null) : null;
      this.fields = "fields" in error ? (error.fields ?? []) : [];
    }
  }
}

type CommandOutcome<T> = { status: "ok"; data: T } | { status: "error"; error: CommandError | string };

export async function unwrap<T>(pending: Promise<CommandOutcome<T>>): Promise<T> {
  const outcome = await pending;
  if (outcome.status === "error") throw new ApiError(outcome.error);
  return outcome.data;
}

/** A message and, on a line of its own that the user can copy, its technical details. */
export function withTechnical(message: string, technical: string | null | undefined): string {
  return technical ? `${message}\nTechnische Angaben: ${technical}` : message;
}

/** The invalid fields a failure names, for the form to mark. */
export function fieldsOf(e: unknown): FieldProblem[] {
  return e instanceof ApiError ? e.fields : [];
}

/** The German message for anything thrown by a command or by the IPC layer itself. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return withTechnical(e.message, e.technical);
  if (e instanceof Error && e.message) return `Unerwarteter Fehler: ${e.message}`;
  return "Unerwarteter Fehler. Bitte versuchen Sie es erneut.";
}

type Commands = typeof commands;

/** A command of the bindings with its outcome unwrapped: resolves to the data or throws. */
type Unwrapped<C> = C extends (...args: infer A) => Promise<CommandOutcome<infer T>>
  ? (...args: A) => Promise<T>
  : never;

export type Api = { [Name in keyof Commands]: Unwrapped<Commands[Name]> };

/**
 * Every command of the generated bindings, under the same name and with the same arguments,
 * unwrapped: the signatures come from the Rust commands, never restated here.
 */
export const api = Object.fromEntries(
  Object.entries(commands).map(([name, command]) => [
    name,
    (...args: unknown[]) => unwrap((command as (...a: unknown[]) => Promise<CommandOutcome<unknown>>)(...args)),
  ]),
) as Api;

/**
 * The bytes `begin..end` of a PDF opened for the viewer (`openAttachmentView`), as the shell's
 * binary reply; pdf.js asks for the ranges the page it draws needs.
 */
export async function attachmentRange(attachmentId: number, begin: number, end: number): Promise<Uint8Array> {
  try {
    return new Uint8Array(await invoke<ArrayBuffer>("attachment_range", { attachmentId, begin, end }));
  } catch (e) {
    throw new ApiError(e as CommandError | string);
  }
}

/**
 * A document's bytes for the viewer, as the shell's binary reply (recorded as read by the
 * core). With `attachmentRange`, outside the generated bindings: they type no binary reply.
 */
export async function attachmentBytes(attachmentId: number): Promise<Uint8Array> {
  try {
    return new Uint8Array(await invoke<ArrayBuffer>("attachment_bytes", { attachmentId }));
  } catch (e) {
    throw new ApiError(e as CommandError | string);
  }
}

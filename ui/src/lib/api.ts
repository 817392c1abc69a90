// The one door to the shell: every command goes through here. A failed command becomes an
// ApiError carrying the stable code the UI decides on and the German message it shows.
import { commands, type CommandError, type ErrorCode, type Role } from "./bindings";

export class ApiError extends Error {
  readonly code: ErrorCode;
  constructor(error: CommandError) {
    super(error.message);
    this.code = error.code;
  }
}

type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: CommandError };

export async function unwrap<T>(pending: Promise<Outcome<T>>): Promise<T> {
  const outcome = await pending;
  if (outcome.status === "error") throw new ApiError(outcome.error);
  return outcome.data;
}

/** The German message for anything thrown by a command or by the IPC layer itself. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error && e.message) return `Unerwarteter Fehler: ${e.message}`;
  return "Unerwarteter Fehler. Bitte versuchen Sie es erneut.";
}

export const api = {
  startScreen: () => unwrap(commands.startScreen()),
  openFile: (path: string) => unwrap(commands.openFile(path)),
  passwordStrength: (password: string, username: string) =>
    commands.passwordStrength(password, username),
  prepareNewFile: (location: string, username: string, password: string, repeat: string) =>
    unwrap(commands.prepareNewFile(location, username, password, repeat)),
  createNewFile: (confirmation: string) => unwrap(commands.createNewFile(confirmation)),
  cancelNewFile: () => unwrap(commands.cancelNewFile()),
  unlock: (username: string, password: string) => unwrap(commands.unlock(username, password)),
  unlockWithRecoveryKey: (key: string, username: string, password: string, repeat: string) =>
    unwrap(commands.unlockWithRecoveryKey(key, username, password, repeat)),
  lock: () => unwrap(commands.lock()),
  reportActivity: () => unwrap(commands.reportActivity()),
  fileInfo: () => unwrap(commands.fileInfo()),
  setIdleLockMinutes: (minutes: number) => unwrap(commands.setIdleLockMinutes(minutes)),
  verifyAuditChain: () => unwrap(commands.verifyAuditChain()),
  recentAuditEntries: (limit: number) => unwrap(commands.recentAuditEntries(limit)),
  listUsers: () => unwrap(commands.listUsers()),
  addUser: (username: string, role: Role, password: string, repeat: string) =>
    unwrap(commands.addUser(username, role, password, repeat)),
  removeUser: (userId: number) => unwrap(commands.removeUser(userId)),
  resetUserPassword: (userId: number, password: string, repeat: string) =>
    unwrap(commands.resetUserPassword(userId, password, repeat)),
  changeOwnPassword: (current: string, password: string, repeat: string) =>
    unwrap(commands.changeOwnPassword(current, password, repeat)),
};

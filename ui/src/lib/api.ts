// The one door to the shell: every command goes through here. A failed command becomes an
// ApiError carrying the stable code the UI decides on and the German message it shows.
import {
  commands,
  type AbhStatementDraft,
  type AgendaVariant,
  type AdmissibilityDraft,
  type CaseDraft,
  type CaseQuery,
  type CaseStatus,
  type AttendanceEntry,
  type Ballot,
  type CommandError,
  type DeadlineDraft,
  type DecisionDraft,
  type DueList,
  type ItemDecisionDraft,
  type MajorityRule,
  type ErrorCode,
  type GroundDraft,
  type MemberDraft,
  type PersonDraft,
  type Role,
  type SessionDraft,
  type SessionStatus,
} from "./bindings";

export class ApiError extends Error {
  readonly code: ErrorCode;
  constructor(error: CommandError | string) {
    // The IPC layer itself rejects with a bare string (a command the window may not call,
    // say); that must still reach the user as a message, never as an empty box.
    if (typeof error === "string" || !error?.message) {
      super(`Unerwarteter Fehler: ${typeof error === "string" ? error : "keine Meldung"}`);
      this.code = "internal";
    } else {
      super(error.message);
      this.code = error.code;
    }
  }
}

type CommandOutcome<T> = { status: "ok"; data: T } | { status: "error"; error: CommandError | string };

export async function unwrap<T>(pending: Promise<CommandOutcome<T>>): Promise<T> {
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
  setExpiryWarningDays: (days: number) => unwrap(commands.setExpiryWarningDays(days)),

  dashboard: () => unwrap(commands.dashboard()),
  dueList: (list: DueList, offset: number, limit: number) => unwrap(commands.dueList(list, offset, limit)),
  catalogues: () => unwrap(commands.catalogues()),
  listCases: (query: CaseQuery) => unwrap(commands.listCases(query)),
  openCase: (caseId: number) => unwrap(commands.openCase(caseId)),
  createCase: (draft: CaseDraft) => unwrap(commands.createCase(draft)),
  updateCase: (caseId: number, draft: CaseDraft) => unwrap(commands.updateCase(caseId, draft)),
  savePerson: (caseId: number, personId: number | null, draft: PersonDraft) =>
    unwrap(commands.savePerson(caseId, personId, draft)),
  removePerson: (caseId: number, personId: number) => unwrap(commands.removePerson(caseId, personId)),
  saveGround: (caseId: number, groundId: number | null, draft: GroundDraft) =>
    unwrap(commands.saveGround(caseId, groundId, draft)),
  removeGround: (caseId: number, groundId: number) => unwrap(commands.removeGround(caseId, groundId)),
  recordAdmissibility: (caseId: number, draft: AdmissibilityDraft) =>
    unwrap(commands.recordAdmissibility(caseId, draft)),
  saveAbhStatement: (caseId: number, draft: AbhStatementDraft) =>
    unwrap(commands.saveAbhStatement(caseId, draft)),
  saveDeadline: (caseId: number, deadlineId: number | null, draft: DeadlineDraft) =>
    unwrap(commands.saveDeadline(caseId, deadlineId, draft)),
  setDeadlineDone: (caseId: number, deadlineId: number, done: boolean) =>
    unwrap(commands.setDeadlineDone(caseId, deadlineId, done)),
  changeCaseStatus: (caseId: number, to: CaseStatus, onDate: string, reason: string) =>
    unwrap(commands.changeCaseStatus(caseId, to, onDate, reason)),
  reopenCase: (caseId: number, reason: string) => unwrap(commands.reopenCase(caseId, reason)),

  memberRegister: () => unwrap(commands.memberRegister()),
  addOrganisation: (name: string, validFrom: string) => unwrap(commands.addOrganisation(name, validFrom)),
  renameOrganisation: (id: number, name: string, validFrom: string) =>
    unwrap(commands.renameOrganisation(id, name, validFrom)),
  saveMember: (memberId: number | null, draft: MemberDraft) => unwrap(commands.saveMember(memberId, draft)),
  saveOffice: (officeId: number | null, name: string, active: boolean) =>
    unwrap(commands.saveOffice(officeId, name, active)),

  listSessions: () => unwrap(commands.listSessions()),
  session: (sessionId: number) => unwrap(commands.session(sessionId)),
  planSession: (draft: SessionDraft) => unwrap(commands.planSession(draft)),
  updateSession: (sessionId: number, draft: SessionDraft) => unwrap(commands.updateSession(sessionId, draft)),
  advanceSession: (sessionId: number, to: SessionStatus, onDate: string) =>
    unwrap(commands.advanceSession(sessionId, to, onDate)),
  scheduleCase: (sessionId: number, caseId: number, rapporteurId: number | null) =>
    unwrap(commands.scheduleCase(sessionId, caseId, rapporteurId)),
  addFreeItem: (sessionId: number, title: string) => unwrap(commands.addFreeItem(sessionId, title)),
  moveAgendaItem: (itemId: number, up: boolean) => unwrap(commands.moveAgendaItem(itemId, up)),
  removeAgendaItem: (itemId: number) => unwrap(commands.removeAgendaItem(itemId)),
  setRapporteur: (itemId: number, memberId: number) => unwrap(commands.setRapporteur(itemId, memberId)),
  recordAttendance: (sessionId: number, entries: AttendanceEntry[], advisoryPresent: number[]) =>
    unwrap(commands.recordAttendance(sessionId, entries, advisoryPresent)),
  previewTally: (itemId: number, ballots: Ballot[]) => unwrap(commands.previewTally(itemId, ballots)),
  decideItem: (itemId: number, draft: ItemDecisionDraft) => unwrap(commands.decideItem(itemId, draft)),
  sendRequest: (caseId: number, sentOn: string) => unwrap(commands.sendRequest(caseId, sentOn)),
  recordMinistryDecision: (caseId: number, draft: DecisionDraft) =>
    unwrap(commands.recordMinistryDecision(caseId, draft)),
  setPermitIssued: (caseId: number, personId: number, issuedOn: string) =>
    unwrap(commands.setPermitIssued(caseId, personId, issuedOn)),
  majorityRules: () => unwrap(commands.majorityRules()),
  setMajorityRule: (rule: MajorityRule) => unwrap(commands.setMajorityRule(rule)),

  backupStatus: () => unwrap(commands.backupStatus()),
  setBackupFolder: (folder: string) => unwrap(commands.setBackupFolder(folder)),
  backupNow: () => unwrap(commands.backupNow()),
  inspectBackup: (path: string, username: string, password: string) =>
    unwrap(commands.inspectBackup(path, username, password)),
  restoreBackup: (path: string, username: string, password: string) =>
    unwrap(commands.restoreBackup(path, username, password)),
  retentionOverview: () => unwrap(commands.retentionOverview()),
  setRetentionYears: (years: number) => unwrap(commands.setRetentionYears(years)),
  runDeletion: (caseIds: number[]) => unwrap(commands.runDeletion(caseIds)),
  rekey: (password: string) => unwrap(commands.rekey(password)),

  exportCaseSummary: (caseId: number, path: string) => unwrap(commands.exportCaseSummary(caseId, path)),
  exportRequestLetter: (caseId: number, path: string) => unwrap(commands.exportRequestLetter(caseId, path)),
  exportAgenda: (sessionId: number, variant: AgendaVariant, path: string) =>
    unwrap(commands.exportAgenda(sessionId, variant, path)),
  exportMinutes: (sessionId: number, path: string) => unwrap(commands.exportMinutes(sessionId, path)),
  exportBinder: (sessionId: number, path: string) => unwrap(commands.exportBinder(sessionId, path)),
};

// The roles as the window names and offers them. Record<Role, …> makes the compiler insist
// that every role the core knows has a label here.
import type { Role } from "./bindings";

export const roleLabels: Record<Role, string> = {
  geschaeftsstelle: "Geschäftsstelle",
  lesend: "Lesend",
  verwaltung: "Verwaltung",
};

export const roleHints: Record<Role, string> = {
  geschaeftsstelle: "bearbeitet Fälle, Sitzungen und Dokumente",
  lesend: "liest Akten, ändert nichts",
  verwaltung: "zusätzlich Benutzerkonten, Schlüssel und Einstellungen",
};

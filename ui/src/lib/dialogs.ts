// The system file dialogs, limited to case files.
import { open, save } from "@tauri-apps/plugin-dialog";
import { api } from "./api";

const filters = [{ name: "HFK-Akte", extensions: ["hfk"] }];

export async function chooseNewLocation(current: string): Promise<string | null> {
  return await save({ title: "Speicherort der neuen Akte", defaultPath: current || undefined, filters });
}

export async function chooseExistingFile(): Promise<string | null> {
  const picked = await open({ title: "Akte öffnen", multiple: false, directory: false, filters });
  return typeof picked === "string" ? picked : null;
}

export async function chooseBackupFolder(current: string | null): Promise<string | null> {
  const picked = await open({ title: "Sicherungsordner wählen", directory: true, multiple: false, defaultPath: current ?? undefined });
  return typeof picked === "string" ? picked : null;
}

// Exports and the backup to restore: the shell opens these dialogs itself and accepts only
// the path the user chose there.

export async function chooseBackupFile(folder: string | null): Promise<string | null> {
  return await api.chooseBackupFile(folder);
}

/** Where to save an exported PDF; null when the dialog is cancelled. */
export async function choosePdfTarget(defaultName: string): Promise<string | null> {
  return await api.choosePdfTarget(defaultName);
}

/** Where to save the figures of Auswertungen (CSV or JSON); null when cancelled. */
export async function chooseTableTarget(defaultName: string): Promise<string | null> {
  return await api.chooseTableTarget(defaultName);
}

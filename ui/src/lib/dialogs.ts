// The system file dialogs, limited to case files.
import { open, save } from "@tauri-apps/plugin-dialog";

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

export async function chooseBackupFile(folder: string | null): Promise<string | null> {
  const picked = await open({
    title: "Sicherung wählen",
    multiple: false,
    directory: false,
    defaultPath: folder ?? undefined,
    filters: [{ name: "HFK-Akte-Sicherung", extensions: ["hfksicherung"] }],
  });
  return typeof picked === "string" ? picked : null;
}

/** Where to save an exported PDF; null when the dialog is cancelled. */
export async function choosePdfTarget(defaultName: string): Promise<string | null> {
  const picked = await save({
    title: "PDF speichern",
    defaultPath: defaultName,
    filters: [{ name: "PDF", extensions: ["pdf"] }],
  });
  if (!picked) return null;
  return picked.toLowerCase().endsWith(".pdf") ? picked : `${picked}.pdf`;
}

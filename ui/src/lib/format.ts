// Dates as the commission writes them: dd.mm.yyyy, in local time.

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** "2026-11-25T09:41:00+00:00" -> "25.11.2026"; an unreadable value is returned as it is. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}`;
}

/** "1 Minute", "15 Minuten" */
export function minutes(n: number): string {
  return n === 1 ? "1 Minute" : `${n} Minuten`;
}

/** "25.11.2026, 10:41 Uhr" */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${formatDate(iso)}, ${pad(d.getHours())}:${pad(d.getMinutes())} Uhr`;
}

/** A calendar day from the core ("2026-11-25") -> "25.11.2026"; "–" when there is none. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return "–";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : day;
}

/** 1234 -> "1.234" */
export function formatCount(n: number): string {
  return n.toLocaleString("de-DE");
}

/** Today as a form takes it: "25.11.2026". */
export function todayTyped(now: Date = new Date()): string {
  return `${pad(now.getDate())}.${pad(now.getMonth() + 1)}.${now.getFullYear()}`;
}

/** "1 Fall", "3 Fälle": a count with the noun in the right number. */
export function counted(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** A file's size as people read it: "830 kB", "12,4 MB" (decimal units, as file managers show them). */
export function formatSize(bytes: number): string {
  if (bytes < 1_000_000) return `${Math.max(1, Math.ceil(bytes / 1000)).toLocaleString("de-DE")} kB`;
  return `${(bytes / 1_000_000).toLocaleString("de-DE", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MB`;
}

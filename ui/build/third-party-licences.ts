// The npm packages bundled into the window, as a Markdown section of THIRD-PARTY-LICENSES.md
// (rollup-plugin-license hands in what the bundle really contains), and the licences such a
// package may have: the same EUPL-1.2-compatible list as licenses/about.toml for the crates.
import type { Dependency } from "rollup-plugin-license";

/** An SPDX expression a package's licence must satisfy (spdx-satisfies). */
export const EUPL_COMPATIBLE = [
  "MIT",
  "Apache-2.0",
  "ISC",
  "BSD-2-Clause",
  "BSD-3-Clause",
  "0BSD",
  "Zlib",
  "CC0-1.0",
  "Unlicense",
  "MPL-2.0",
].join(" OR ");

type Bundled = Pick<Dependency, "name" | "version" | "license" | "licenseText">;

/** Groups the packages by licence text, as cargo-about does for the crates. */
export function npmLicences(dependencies: Bundled[]): string {
  const groups = new Map<string, { licence: string; text: string; users: string[] }>();
  const sorted = [...dependencies].sort((a, b) => (a.name ?? "").localeCompare(b.name ?? ""));
  for (const dep of sorted) {
    const licence = dep.license ?? "ohne Angabe";
    const text = (dep.licenseText ?? "").trim();
    const key = `${licence}\n${text}`;
    const group = groups.get(key) ?? { licence, text, users: [] };
    group.users.push(`${dep.name} ${dep.version}`);
    groups.set(key, group);
  }
  const counts = new Map<string, number>();
  for (const dep of sorted) counts.set(dep.license ?? "ohne Angabe", (counts.get(dep.license ?? "ohne Angabe") ?? 0) + 1);
  const lines = [
    "## JavaScript-Pakete",
    "",
    "In der Oberfläche des Programms stecken diese npm-Pakete (nur was wirklich im gebauten Paket landet). Zusammengestellt mit rollup-plugin-license beim Bauen der Oberfläche; jede Lizenz ist mit der EUPL-1.2 vereinbar (sonst bricht der Bau ab).",
    "",
    "| Lizenz | Pakete |",
    "|---|---|",
    ...[...counts].sort(([a], [b]) => a.localeCompare(b)).map(([licence, n]) => `| ${licence} | ${n} |`),
    "",
  ];
  for (const group of groups.values()) {
    lines.push(`### ${group.licence}`, "", `Verwendet von: ${group.users.join(", ")}`, "");
    lines.push(group.text ? ["````text", group.text, "````"].join("\n") : "(Das Paket liefert keinen Lizenztext mit.)", "");
  }
  return lines.join("\n");
}

// Memory (RSS) of the running program, as a clerk uses it: after unlocking a file of 10,000
// sample cases, and after opening 50 of them one after the other from the case list. Counts the
// program's process and the web view's processes (WebKit's web and network processes), which
// is what the machine pays. HFK_E2E_APP names the binary (debug or the installed package),
// HFK_BIN the matching `hfk` (to create and fill the file).
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { click, createFileAsAdministrator, defaultFile, launch, sandboxHome, textOf, type, waitForHeading, waitForText } from "../lib/harness.mjs";

const PASSWORD = "Kiefernwald-Uckermark-Fähre-42";
const USER = "Bench";
const CASES = Number(process.env.HFK_BENCH_CASES ?? 10000);
const OPEN = Number(process.env.HFK_BENCH_OPEN ?? 50);
const hfk = process.env.HFK_BIN;
if (!hfk) throw new Error("HFK_BIN must name the hfk tool");
const home = sandboxHome();

// The file is made by the window (first run), then filled by `hfk beispielfaelle`.
let app = await launch({ home });
await createFileAsAdministrator(app.browser, USER, PASSWORD);
await app.stop();
execFileSync(hfk, ["beispielfaelle", defaultFile(home), "--benutzer", USER, "--faelle", String(CASES)], {
  input: `${PASSWORD}\n`,
  stdio: ["pipe", "ignore", "inherit"],
});

/**
 * Memory in MiB of the app's process and WebKit's helpers: RSS counts shared libraries in every
 * process, PSS shares them out (what the processes together really cost the machine).
 */
function memory() {
  const parts = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      const name = path.basename(cmd.split("\0")[0] ?? "");
      if (!["hfk-akte", "WebKitWebProcess", "WebKitNetworkProcess"].includes(name)) continue;
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      const kib = (field) => Number(rollup.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"))?.[1] ?? 0);
      parts.push({ name, rss: kib("Rss") / 1024, pss: kib("Pss") / 1024 });
    } catch {
      // gone meanwhile
    }
  }
  const sum = (key) => parts.reduce((total, part) => total + part[key], 0);
  const each = parts.map((p) => `${p.name} ${p.rss.toFixed(0)}/${p.pss.toFixed(0)}`).join(", ");
  return { rss: sum("rss"), pss: sum("pss"), each };
}

app = await launch({ home });
const b = app.browser;
await waitForHeading(b, "Akte entsperren", 30000);
await b.pause(3000);
const locked = memory();
await type(b, "#benutzername", USER);
await type(b, "#passwort", PASSWORD);
await click(b, "#entsperren");
await waitForHeading(b, "Übersicht", 60000);
await b.pause(3000);
const unlocked = memory();

await click(b, "button[data-bereich=faelle]");
await waitForHeading(b, "Fälle");
let page = 1;
for (let opened = 0; opened < OPEN; ) {
  await waitForText(b, ".treffer", new RegExp(`Seite ${page} von`));
  const numbers = [];
  for (const row of await b.$$("tr[data-fall]")) numbers.push(await row.getAttribute("data-fall"));
  for (const number of numbers.slice(0, OPEN - opened)) {
    await click(b, `tr[data-fall="${number}"] button`);
    await b.waitUntil(async () => (await textOf(b, "h1")).startsWith(number), { timeout: 30000 });
    await click(b, ".zurueck");
    await waitForText(b, ".treffer", new RegExp(`Seite ${page} von`));
    opened += 1;
  }
  if (opened < OPEN) {
    await click(b, "#seite-weiter");
    page += 1;
  }
}
await b.pause(3000);
const afterCases = memory();
await app.stop();

console.log(`| measure (${CASES} cases) | RSS | PSS | per process (RSS/PSS MiB) |`);
console.log("|---|---|---|---|");
for (const [label, m] of [["the unlock screen (no case read yet)", locked], ["after unlocking", unlocked], [`after opening ${OPEN} cases from the list`, afterCases]]) {
  console.log(`| ${label} | ${m.rss.toFixed(0)} MiB | ${m.pss.toFixed(0)} MiB | ${m.each} |`);
}

// Cold start until the unlock screen is shown, through the real window under Xvfb.
// Creates a file once through the UI, then restarts the app five times and times each start.
import { performance } from "node:perf_hooks";
import { createFileAsAdministrator, launch, sandboxHome, waitForHeading } from "../lib/harness.mjs";

const PASSWORD = "Kiefernwald-Uckermark-Fähre-42";
const home = sandboxHome();

const setup = await launch({ home });
await createFileAsAdministrator(setup.browser, "Bench", PASSWORD);
await setup.stop();

const rows = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  const app = await launch({ home });
  const sessionUp = performance.now();
  await waitForHeading(app.browser, "Akte entsperren", 30000);
  const shown = performance.now();
  // Milliseconds from the webview's navigation start to the unlock screen, measured inside.
  const inPage = await app.browser.execute(() => performance.now());
  rows.push({ total: shown - t0, session: sessionUp - t0, inPage });
  await app.stop();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log("| measure (5 cold starts, median) | time |");
console.log("|---|---|");
console.log(`| launch until the unlock screen is shown (incl. WebDriver session) | ${fmt(median(rows.map((r) => r.total)))} |`);
console.log(`| of which WebDriver session start (process + webview up) | ${fmt(median(rows.map((r) => r.session)))} |`);
console.log(`| page navigation start until the unlock screen (inside the webview; read just after it appeared, so an upper bound) | ${fmt(median(rows.map((r) => r.inPage)))} |`);

// Drives the real HFK-Akte window: tauri-driver starts WebKitWebDriver, which starts the
// app binary; WebdriverIO talks to it. Run under Xvfb (see the Makefile's e2e target).
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { remote } from "webdriverio";

// The app counts days in Europe/Berlin (the core's clock); the specs' own dates must too, or a run
// between midnight in Berlin and midnight UTC expects yesterday. Children (the driver, the app)
// inherit it.
process.env.TZ = "Europe/Berlin";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "..", "..", "..");
export const shotDir = path.join(repoRoot, "target", "e2e");

const application = process.env.HFK_E2E_APP;
if (!application) throw new Error("HFK_E2E_APP must name the built app binary");
const driverBin = process.env.TAURI_DRIVER ?? "tauri-driver";

let nextPort = 4444 + ((process.pid % 50) * 2);
const running = new Set();

/** Stops every app still running, e.g. after a failed test; for an `after` hook. */
export async function stopAll() {
  await Promise.all([...running].map((app) => app.stop()));
}

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.end();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`tauri-driver did not listen on ${port}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

/** A fresh home folder, so the app and WebKit write nowhere else. */
export function sandboxHome() {
  return mkdtempSync(path.join(tmpdir(), "hfk-e2e-"));
}

/** The default case file location inside a sandbox home. */
export function defaultFile(home) {
  return path.join(home, ".local", "share", "de.haertefallkommission.akte", "haertefallkommission.hfk");
}

/**
 * Starts the app in a new tauri-driver with `env` added to the app's environment.
 * Returns { browser, shot(name), stop() }.
 */
export async function launch({ home, env = {} }) {
  const port = nextPort;
  nextPort += 2;
  const driver = spawn(driverBin, ["--port", String(port), "--native-port", String(port + 1)], {
    env: { ...process.env, HOME: home, XDG_DATA_HOME: "", XDG_CONFIG_HOME: "", ...env },
    stdio: ["ignore", "ignore", "inherit"],
    // Its own process group, so stop() can end tauri-driver, WebKitWebDriver and the app.
    detached: true,
  });
  await waitForPort(port, 15000);
  const browser = await remote({
    hostname: "127.0.0.1",
    port,
    logLevel: "error",
    capabilities: {
      browserName: "wry",
      "wdio:enforceWebDriverClassic": true,
      "tauri:options": { application },
    },
  });
  mkdirSync(shotDir, { recursive: true });
  let stopped = false;
  const app = {
    browser,
    /** A screenshot of the whole X screen, as a person would see it. */
    async shot(name) {
      // WebKit paints to X a moment after the DOM changed; let the frame land first.
      await new Promise((r) => setTimeout(r, 400));
      const file = path.join(shotDir, `${name}.png`);
      execFileSync("import", ["-window", "root", file]);
      // Every screen a test looks at must fit the window's width: a page that scrolls sideways
      // hides buttons and lets clicks land beside them.
      // The page itself, and the content area that scrolls under the fixed header.
      const [scroll, inner] = await browser.execute(() => {
        const content = document.getElementById("inhalt");
        const page = [document.documentElement.scrollWidth, innerWidth];
        return content && content.scrollWidth > content.clientWidth ? [content.scrollWidth, content.clientWidth] : page;
      });
      if (scroll > inner) throw new Error(`"${name}" is ${scroll}px wide in a ${inner}px window`);
      return file;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      running.delete(app);
      try {
        await browser.deleteSession();
      } catch {
        // The group is ended below either way.
      } finally {
        await endGroup(driver);
      }
    },
  };
  running.add(app);
  return app;
}

/**
 * Holds the OS lock of `lockFile` from another process, as a second HFK-Akte would.
 * Resolves once the lock is taken (waiting up to 10 s for an app that is still closing).
 */
export async function holdLock(lockFile) {
  const holder = spawn("flock", ["--wait", "10", lockFile, "sh", "-c", "echo gesperrt; exec sleep 120"], {
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  await new Promise((resolve, reject) => {
    holder.stdout.once("data", resolve);
    holder.once("exit", (code) => reject(new Error(`flock ended with ${code}`)));
  });
  return { release: () => endGroup(holder) };
}

/** Ends a process group: politely first, then for sure. */
async function endGroup(child) {
  const exited = new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", resolve);
  });
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const timeout = new Promise((resolve) => setTimeout(resolve, 3000, "timeout"));
  if ((await Promise.race([exited, timeout])) === "timeout") {
    signal("SIGKILL");
    await exited;
  }
  // Children of the group (WebKitWebDriver, the app) may outlive the leader briefly; wait until
  // they are gone, so the next step finds the file's lock free.
  signal("SIGKILL");
  for (let waited = 0; waited < 10000 && groupAlive(child.pid); waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
  }
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits (up to 10 s) until no process holds the OS lock of `lockFile`. */
export function waitForLockFree(lockFile) {
  execFileSync("flock", ["--wait", "10", lockFile, "true"]);
}

/** Waits for an element and returns its visible text. */
export async function textOf(browser, selector, timeout = 10000) {
  const el = await browser.$(selector);
  await el.waitForDisplayed({ timeout });
  return await el.getText();
}

export async function type(browser, selector, value) {
  const el = await browser.$(selector);
  await el.waitForDisplayed({ timeout: 10000 });
  await el.clearValue();
  if (value === "") {
    // Clearing alone does not fire the input event the page listens to.
    await browser.execute((sel) => {
      document.querySelector(sel).dispatchEvent(new Event("input", { bubbles: true }));
    }, selector);
    return;
  }
  await el.setValue(value);
}

/**
 * Types into whatever has the focus, as a keyboard would. One call per character: WebDriver
 * drops the second of two equal keys sent in one call ("ee" arrives as "e").
 */
export async function typeKeys(browser, text) {
  for (const ch of text) await browser.keys(ch);
}

export async function click(browser, selector) {
  const el = await browser.$(selector);
  await el.waitForClickable({ timeout: 10000 });
  await el.click();
}

/** Shows one part of a page in parts (the case page, Verwaltung), as a click on its link does. */
export async function openPart(browser, id) {
  await click(browser, `a[data-teil="${id}"]`);
  await (await browser.$(`a[data-teil="${id}"][aria-current="true"]`)).waitForExist({ timeout: 5000 });
}

/** Waits until the page's main heading reads `text`. */
export async function waitForHeading(browser, text, timeout = 15000) {
  await browser.waitUntil(
    async () => {
      const h = await browser.$("h1");
      return (await h.isExisting()) && (await h.getText()) === text;
    },
    { timeout, timeoutMsg: `heading "${text}" not shown` },
  );
}

/**
 * First run through the window: create the file at the default location with `user` as its
 * administrator and confirm the recovery key. Ends in the main frame.
 */
export async function createFileAsAdministrator(browser, user, password) {
  await waitForHeading(browser, "Neue Akte anlegen");
  await type(browser, "#benutzername", user);
  await type(browser, "#passwort", password);
  await type(browser, "#passwort-wiederholen", password);
  await click(browser, "#weiter");
  const key = (await textOf(browser, "#wiederherstellungsschluessel")).trim();
  await click(browser, "#notiert");
  await type(browser, "#letzter-block", key.slice(-4));
  await click(browser, "#akte-anlegen");
  await textOf(browser, "#angemeldet");
}

/**
 * Chooses the option with `value` in the <select> at `selector`. WebKitWebDriver selects an
 * option without firing the events a person's choice fires, so they are sent here.
 */
export async function choose(browser, selector, value) {
  const el = await browser.$(selector);
  await el.waitForDisplayed({ timeout: 10000 });
  // A renamed or missing code must fail here, not leave the select on its old value.
  const offered = await browser.execute(
    (sel, v) => {
      const select = document.querySelector(sel);
      const options = [...select.options].map((o) => o.value);
      if (!options.includes(v)) return options;
      select.value = v;
      select.dispatchEvent(new Event("input", { bubbles: true }));
      select.dispatchEvent(new Event("change", { bubbles: true }));
      return null;
    },
    selector,
    value,
  );
  if (offered) throw new Error(`${selector} offers no "${value}" (only ${offered.join(", ")})`);
}

/** Chooses the option of `selector` whose text contains `text`. */
export async function chooseText(browser, selector, text) {
  const value = await browser.execute(
    (sel, t) => [...document.querySelector(sel).options].find((o) => o.textContent.includes(t))?.value,
    selector,
    text,
  );
  if (value === undefined) throw new Error(`no option "${text}" in ${selector}`);
  await choose(browser, selector, value);
}

/**
 * The bytes of the case file as they lie on disk: the database and its write-ahead log
 * (`-wal`), where recent changes live until a checkpoint.
 */
export function bytesOnDisk(database) {
  const parts = [readFileSync(database)];
  if (existsSync(`${database}-wal`)) parts.push(readFileSync(`${database}-wal`));
  return Buffer.concat(parts);
}

/** Waits until the text of `selector` matches `pattern`; returns the text. */
export async function waitForText(browser, selector, pattern, timeout = 10000) {
  let last = "";
  await browser.waitUntil(
    async () => {
      const el = await browser.$(selector);
      if (!(await el.isExisting())) return false;
      last = await el.getText();
      return pattern.test(last);
    },
    { timeout, timeoutMsg: `${selector} never matched ${pattern}; last text: ${last.slice(0, 300)}` },
  );
  return last;
}

/**
 * Answers a native GTK file dialog the shell opened, as a person would: waits for the window
 * titled `title`, opens its location field (Ctrl+L, which a save dialog's name field also
 * takes), types the full path and presses Enter (xdotool, under the same Xvfb display).
 */
export function answerFileDialog(title, file) {
  execFileSync("xdotool", ["search", "--sync", "--onlyvisible", "--name", title, "windowfocus", "--sync"], { timeout: 20000 });
  execFileSync("xdotool", ["key", "--clearmodifiers", "ctrl+l"]);
  execFileSync("xdotool", ["key", "--clearmodifiers", "ctrl+a"]);
  execFileSync("xdotool", ["type", "--delay", "15", file]);
  execFileSync("xdotool", ["key", "Return"]);
}

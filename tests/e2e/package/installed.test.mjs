// The Debian package as the IT installs it: its metadata and files, and the installed program
// started through its window (create a file, lock, unlock). Run by `make test-package`, which
// builds the package and unpacks it into a throwaway root (HFK_PACKAGE, HFK_PACKAGE_ROOT); the
// window is driven through the installed binary (HFK_E2E_APP points into that root).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import { click, createFileAsAdministrator, launch, sandboxHome, stopAll, textOf, type, waitForHeading, waitForText } from "../lib/harness.mjs";

const deb = process.env.HFK_PACKAGE;
const root = process.env.HFK_PACKAGE_ROOT;
if (!deb || !root) throw new Error("HFK_PACKAGE and HFK_PACKAGE_ROOT must name the package and where it was unpacked");

after(stopAll);

const field = (name) => execFileSync("dpkg-deb", ["--field", deb, name], { encoding: "utf8" }).trim();

describe("The installed package", () => {
  it("declares what it needs and installs both programs, the menu entry and the licences", () => {
    assert.equal(field("Package"), "hfk-akte");
    const depends = field("Depends");
    for (const needed of ["libwebkit2gtk-4.1-0", "libssl3", "libgtk-3-0"]) assert.match(depends, new RegExp(needed), depends);
    for (const file of ["usr/bin/hfk-akte", "usr/bin/hfk", "usr/share/doc/hfk-akte/copyright", "usr/share/doc/hfk-akte/OFL.txt", "usr/share/doc/hfk-akte/LICENSE", "usr/share/doc/hfk-akte/THIRD-PARTY-LICENSES.md"]) {
      assert.ok(existsSync(path.join(root, file)), `${file} missing`);
    }
    const desktop = readFileSync(path.join(root, "usr/share/applications/HFK-Akte.desktop"), "utf8");
    assert.match(desktop, /^Name=HFK-Akte – Härtefallkommission$/m);
    assert.match(desktop, /^Exec=hfk-akte$/m);
    assert.match(desktop, /^Categories=Office;?$/m);
    assert.match(readFileSync(path.join(root, "usr/share/doc/hfk-akte/copyright"), "utf8"), /License: EUPL-1\.2/);
    assert.match(readFileSync(path.join(root, "usr/share/doc/hfk-akte/LICENSE"), "utf8"), /^EUROPEAN UNION PUBLIC LICENCE v\. 1\.2$/m);
    const thirdParty = readFileSync(path.join(root, "usr/share/doc/hfk-akte/THIRD-PARTY-LICENSES.md"), "utf8");
    for (const part of ["## Rust-Bibliotheken", "## JavaScript-Pakete", "Verwendet von: "]) assert.ok(thirdParty.includes(part), part);
    // The command-line tool runs from the package and says its version.
    const version = execFileSync(path.join(root, "usr/bin/hfk"), ["--version"], { encoding: "utf8" }).trim();
    assert.equal(version, `hfk ${field("Version")}`);
    // No case file comes with the package.
    const listed = execFileSync("dpkg-deb", ["--contents", deb], { encoding: "utf8" });
    assert.doesNotMatch(listed, /\.hfk\b/);
  });

  it("starts, creates a file, locks and unlocks through its window, and says its version", async () => {
    const app = await launch({ home: sandboxHome() });
    const b = app.browser;
    await createFileAsAdministrator(b, "Şükrü Güneş", "Kiefernwald-Uckermark-Fähre-42");
    await waitForHeading(b, "Übersicht");
    await click(b, "#sperren");
    await waitForHeading(b, "Akte entsperren");
    await type(b, "#benutzername", "Şükrü Güneş");
    await type(b, "#passwort", "Kiefernwald-Uckermark-Fähre-42");
    await click(b, "#entsperren");
    await textOf(b, "#angemeldet");
    await click(b, "button[data-bereich=hilfe]");
    await waitForHeading(b, "Hilfe");
    await waitForText(b, "#programm-version", new RegExp(`^${field("Version").replaceAll(".", "\\.")}$`));
    await app.shot("50-paket-installiert");
    await click(b, "a[data-teil=lizenzen]");
    await b.waitUntil(() => b.execute(() => /Verwendet von: .*sqlcipher-src/.test(document.querySelector("[data-teile=hilfe]")?.textContent ?? "")), {
      timeout: 20000,
      timeoutMsg: "the installed program does not show the licences of its libraries",
    });
    await app.stop();
  });
});

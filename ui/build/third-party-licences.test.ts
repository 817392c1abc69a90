import satisfies from "spdx-satisfies";
import { describe, expect, it } from "vitest";
import { EUPL_COMPATIBLE, npmLicences } from "./third-party-licences";

describe("the npm part of THIRD-PARTY-LICENSES.md", () => {
  it("groups packages by licence text and counts them per licence", () => {
    const text = npmLicences([
      { name: "svelte", version: "5.0.0", license: "MIT", licenseText: "Copyright (c) Svelte\n" },
      { name: "marked", version: "16.0.0", license: "MIT", licenseText: "Copyright (c) marked" },
      { name: "clsx", version: "2.0.0", license: "MIT", licenseText: "Copyright (c) Svelte" },
    ]);
    expect(text).toContain("| MIT | 3 |");
    expect(text).toContain("Verwendet von: clsx 2.0.0, svelte 5.0.0");
    expect(text).toContain("Verwendet von: marked 16.0.0");
    expect(text.match(/^### MIT$/gm)).toHaveLength(2);
  });

  it("says so when a package ships no licence text", () => {
    expect(npmLicences([{ name: "x", version: "1.0.0", license: "ISC", licenseText: null }])).toContain(
      "(Das Paket liefert keinen Lizenztext mit.)",
    );
  });

  it("lets permissive licences and MPL-2.0 in, and keeps GPL and AGPL out", () => {
    for (const ok of ["MIT", "(MIT OR Apache-2.0)", "ISC", "BSD-3-Clause", "MPL-2.0", "0BSD"]) {
      expect(satisfies(ok, EUPL_COMPATIBLE), ok).toBe(true);
    }
    for (const no of ["GPL-3.0-only", "AGPL-3.0-or-later", "SSPL-1.0", "GPL-2.0-only AND MIT"]) {
      expect(satisfies(no, EUPL_COMPATIBLE), no).toBe(false);
    }
  });
});

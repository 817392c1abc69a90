import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import license from "rollup-plugin-license";
import { EUPL_COMPATIBLE, npmLicences } from "./build/third-party-licences";

export default defineConfig({
  plugins: [
    svelte(),
    // The npm packages that end up in the window's bundle, with their licence texts, for
    // THIRD-PARTY-LICENSES.md (make licenses). A licence that does not go with EUPL-1.2 fails
    // the build.
    license({
      thirdParty: {
        includePrivate: false,
        multipleVersions: true,
        allow: { test: EUPL_COMPATIBLE, failOnUnlicensed: true, failOnViolation: true },
        output: {
          // npm runs the build in ui/, where dist/ is.
          file: "dist/third-party-npm.md",
          template: npmLicences,
        },
      },
    }),
  ],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    target: "safari15",
    outDir: "dist",
    emptyOutDir: true,
    // No inline scripts or styles: the CSP allows only files from the app itself.
    assetsInlineLimit: 0,
    rollupOptions: {
      output: {
        // pdf.js loads its fax, JBIG2 and JPEG 2000 decoders by their own names from one
        // folder (lib/document-view.ts): those keep their names, in pdfjs/.
        assetFileNames: (asset) =>
          asset.names.some((name) => name.endsWith("_nowasm_fallback.js")) ? "pdfjs/[name][extname]" : "assets/[name]-[hash][extname]",
      },
    },
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts", "build/**/*.test.ts"],
  },
});

// Built into the WAR under /ui (relay-web/pom.xml): hashed files, no inline script, nothing fetched from elsewhere, so
// the page runs under a Content-Security-Policy of 'self' alone.
import { defineConfig } from "vite";

export default defineConfig({
  base: "/ui/",
  build: {
    outDir: "../../../target/ui",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The agency desk: built into dist/web/desk, served by every node under /desk/ (apps/node/src/desk).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/desk/',
  build: {
    outDir: fileURLToPath(new URL('../../dist/web/desk', import.meta.url)),
    emptyOutDir: true,
    // The entry holds React, the router, react-query, i18next and the OIDC client (~500 kB, 150 kB
    // gzipped); the map, charts and forms are split off and load with their screens.
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      // React Router's and React Query's "use client" marks mean nothing outside server components.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The agency desk: built into dist/web/desk, served by every node under /desk/ (apps/node/src/desk).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/desk/',
  build: { outDir: fileURLToPath(new URL('../../dist/web/desk', import.meta.url)), emptyOutDir: true },
});

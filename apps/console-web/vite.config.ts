import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The operations console's screens: built into dist/web/console, served by the console app at its root.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: { outDir: fileURLToPath(new URL('../../dist/web/console', import.meta.url)), emptyOutDir: true },
});

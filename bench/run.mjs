// Entry of `npm run bench` (after `npm run build`): runs the compiled suite in dist/bench.
// Usage: node bench/run.mjs [B1 B2 B3 B4 B5 B6 B7] [--full] [options]; see docs/performance.md.
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { main } = await import(new URL('../dist/bench/src/main.js', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2), root);

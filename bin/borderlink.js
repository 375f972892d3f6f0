#!/usr/bin/env node
// The `borderlink` CLI; needs `npm run build` first (it runs the compiled apps/cli).
import '../dist/apps/cli/src/main.js';

// Runs a compiled app (BENCH_PROFILE_ENTRY) under the V8 sampling profiler and writes the profile to
// BENCH_PROFILE_FILE when the app is asked to stop (SIGTERM): `--cpu-prof` is refused in NODE_OPTIONS,
// and the apps' launcher passes no node flags, so the profiler is started from inside instead.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { pathToFileURL } from 'node:url';

const SAMPLING_INTERVAL_US = 500;

const entry = process.env.BENCH_PROFILE_ENTRY;
const file = process.env.BENCH_PROFILE_FILE;
if (entry === undefined || file === undefined) {
  throw new Error('BENCH_PROFILE_ENTRY and BENCH_PROFILE_FILE must name the app entry and the profile file');
}

const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
session.post('Profiler.start');

// Registered before the app's own handler, and removed when it runs so that the app's graceful
// shutdown (which re-raises the signal) still ends the process. The main-thread session answers synchronously.
const writeProfile = (): void => {
  process.off('SIGTERM', writeProfile);
  session.post('Profiler.stop', (error, result) => {
    if (error === null) writeFileSync(file, JSON.stringify(result.profile));
  });
};
process.on('SIGTERM', writeProfile);

await import(pathToFileURL(entry).href);

// The seizure-totals example service: `node dist/examples/seizure-totals/src/main.js` with
// BORDERLINK_URL and BORDERLINK_API_KEY (a key of the node with the reader role), PORT (3300) and
// SEIZURE_TOTALS_DIR (.seizure-totals) for where it keeps its totals and cursor.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { SeizureTotalsModule } from './seizure-totals.module.js';

const { BORDERLINK_URL, BORDERLINK_API_KEY, PORT, SEIZURE_TOTALS_DIR } = process.env;
if (BORDERLINK_URL === undefined || BORDERLINK_API_KEY === undefined) {
  process.stderr.write('seizure-totals: set BORDERLINK_URL and BORDERLINK_API_KEY (the node and its key)\n');
  process.exit(2);
}
const app = await NestFactory.create(
  SeizureTotalsModule.forRoot({
    url: BORDERLINK_URL,
    apiKey: BORDERLINK_API_KEY,
    dataDir: SEIZURE_TOTALS_DIR ?? '.seizure-totals',
  }),
);
app.enableShutdownHooks();
await app.listen(Number(PORT ?? 3300), '127.0.0.1');

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { moveGlobalStreams } from './stack-store-migration.js';

describe('moveGlobalStreams', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'bl-store-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("makes the streams of the global account the hub account's, once", async () => {
    mkdirSync(join(dir, 'jetstream', '$G', 'streams', 'BL_AUDIT'), { recursive: true });
    writeFileSync(join(dir, 'jetstream', '$G', 'streams', 'BL_AUDIT', 'meta.inf'), '{}');
    expect(await moveGlobalStreams(dir)).toBe(true);
    expect(existsSync(join(dir, 'jetstream', 'HUB', 'streams', 'BL_AUDIT', 'meta.inf'))).toBe(true);
    expect(existsSync(join(dir, 'jetstream', '$G'))).toBe(false);
    expect(await moveGlobalStreams(dir)).toBe(false);
  });

  it('leaves a new store, or one the hub account already has, alone', async () => {
    expect(await moveGlobalStreams(dir)).toBe(false);
    mkdirSync(join(dir, 'jetstream', '$G'), { recursive: true });
    mkdirSync(join(dir, 'jetstream', 'HUB'), { recursive: true });
    expect(await moveGlobalStreams(dir)).toBe(false);
    expect(existsSync(join(dir, 'jetstream', '$G'))).toBe(true);
  });
});

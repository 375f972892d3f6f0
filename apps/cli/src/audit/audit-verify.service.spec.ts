import { formatVerifiedChain } from './audit-verify.service.js';
import { describeBreak } from '#operations';

describe('audit verify report', () => {
  it('says how far the chain is signed, where a rollover started it, and what the witnesses held', () => {
    const report = formatVerifiedChain(
      'BL_AUDIT',
      {
        entries: 6,
        checkpoints: 1,
        first: 5n,
        head: { sequence: 10n, hash: new Uint8Array(32) },
        lastCheckpoint: 9n,
        rollover: 5n,
        events: { ROLLOVER: 1, ACCEPTED: 4, CHECKPOINT: 1 },
        witnessed: 7,
      },
      {
        nodes: ['kz-border', 'tj-border'],
        witnesses: [],
        refused: [{ node: 'tj-border', what: 'statement of message m1', reason: 'unknown-key' }],
      },
    );
    expect(report.split('\n')).toEqual([
      'audit chain OK: 6 entries (5 to 10) in BL_AUDIT, 1 signed checkpoints, signed up to entry 9; 1 later entries await the next checkpoint',
      '  ROLLOVER 1, ACCEPTED 4, CHECKPOINT 1',
      "  the chain starts with the hub's signed rollover at entry 5",
      '  witnessed by kz-border, tj-border: 7 hub-signed records match the chain',
      "  ignored: tj-border's statement of message m1 is not signed by a hub key valid at its time (unknown-key)",
      '',
    ]);
  });

  it('names an entry the stream no longer holds by its position', () => {
    expect(describeBreak({ streamSequence: 16, problem: 'tail-cut', detail: 'cut' })).toBe(
      'entry 16 (not in the stream): tail-cut: cut',
    );
    expect(describeBreak({ streamSequence: 3, problem: 'undecodable', detail: 'bad' })).toBe(
      'stream sequence 3 (undecodable): undecodable: bad',
    );
  });
});

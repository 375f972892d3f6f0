import { toDeadLetterRecord, type CheckedDeadLetter } from '#operations';
import { storedRecord } from '../../../../libs/operations/test/dead-letter-record.fixtures.js';
import {
  describeBody,
  formatDeadLetter,
  formatDeadLetterTable,
  recordDetail,
  recordSummary,
} from './dlq-format.js';

const record: CheckedDeadLetter = {
  ...toDeadLetterRecord(
    storedRecord({
      'Bl-Id': ['0190-alert'],
      'Bl-Dlq-Stream': ['BL_DELIVERY'],
      'Bl-Dlq-Consumer': ['node-kz-border'],
      'Bl-Dlq-Subject': ['bl.out.kz-border.alert.direct.general'],
      'Bl-Dlq-Sequence': ['41'],
      'Bl-Dlq-Deliveries': ['5'],
      'Bl-Dlq-Reason': [`Error: ${'x'.repeat(200)}`],
      'Bl-Dlq-Msg-Id': ['0190-alert'],
    }),
  ),
  verdict: { verified: false, problem: 'BL_DELIVERY seq 41 is no longer in the stream' },
};

describe('formatDeadLetterTable', () => {
  it('prints a header and one aligned line per record with a clipped reason', () => {
    const lines = formatDeadLetterTable([record]).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^SEQ\s+TIME\s+FILED BY\s+CHECK\s+STREAM\s+SOURCE SEQ\s+SUBJECT\s+MESSAGE ID\s+DELIVERIES\s+REASON$/,
    );
    expect(lines[1]).toMatch(
      /^12\s+2026-11-28T02:40:00.000Z\s+node-kz-border\s+FAILED: BL_DELIVERY seq 41 is no longer in the stream\s+BL_DELIVERY\s+41\s+bl\.out\.kz-border\.alert\.direct\.general\s+0190-alert\s+5\s+Error: x+…$/,
    );
    expect(lines[1]!.lastIndexOf('BL_DELIVERY ')).toBe(lines[0]!.indexOf('STREAM'));
  });

  it('says so when there is nothing', () => {
    expect(formatDeadLetterTable([])).toBe('no dead letters\n');
  });
});

describe('formatDeadLetter', () => {
  it('shows the fields, the original headers only, and the body', () => {
    const text = formatDeadLetter(record);
    expect(text).toContain('dead letter 12\n');
    expect(text).toContain('  filed by    node-kz-border\n');
    expect(text).toContain('  check       FAILED: BL_DELIVERY seq 41 is no longer in the stream\n');
    expect(text).toContain('  deliveries  5\n');
    expect(text).toContain('headers\n  Bl-Id: 0190-alert\nbody (5 bytes)\nalert\n');
    expect(text).not.toContain('Bl-Dlq-');
  });
});

describe('JSON output', () => {
  it('summarises for list and adds headers and body for show', () => {
    expect(recordSummary(record)).toMatchObject({
      seq: 12,
      filedBy: 'node-kz-border',
      verified: false,
      msgId: '0190-alert',
      deliveries: 5,
    });
    expect(recordDetail(record)).toMatchObject({
      headers: { 'Bl-Id': ['0190-alert'] },
      body: 'alert',
      bodyEncoding: 'utf8',
    });
  });
});

describe('describeBody', () => {
  it('gives binary bodies as base64', () => {
    expect(describeBody(new Uint8Array([0xff, 0x00, 0x80]))).toEqual({ encoding: 'base64', text: '/wCA' });
  });
});

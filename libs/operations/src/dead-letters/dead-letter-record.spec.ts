import { RECORD_TIME, storedRecord } from '../../test/dead-letter-record.fixtures.js';
import { matchesFilter, originalHeaders, replayMsgId, toDeadLetterRecord } from './dead-letter-record.js';

const HEADERS = {
  'Bl-Id': ['0190-alert'],
  'Bl-Signature': ['sig'],
  'Bl-Dlq-Stream': ['BL_DELIVERY'],
  'Bl-Dlq-Consumer': ['node-kz-border'],
  'Bl-Dlq-Subject': ['bl.out.kz-border.alert.direct.general'],
  'Bl-Dlq-Sequence': ['41'],
  'Bl-Dlq-Deliveries': ['5'],
  'Bl-Dlq-Reason': ['Error: redis down'],
  'Bl-Dlq-Msg-Id': ['0190-alert'],
  'Nats-Msg-Id': ['dlq:BL_DELIVERY:node-kz-border:41'],
};

describe('toDeadLetterRecord', () => {
  it('reads where the message came from and why it was given up', () => {
    expect(toDeadLetterRecord(storedRecord(HEADERS))).toMatchObject({
      seq: 12,
      time: RECORD_TIME,
      stream: 'BL_DELIVERY',
      consumer: 'node-kz-border',
      subject: 'bl.out.kz-border.alert.direct.general',
      sourceSequence: 41,
      msgId: '0190-alert',
      deliveries: 5,
      reason: 'Error: redis down',
    });
  });

  it('has no subject for a record that holds an advisory', () => {
    const advisoryOnly = Object.fromEntries(
      Object.entries(HEADERS).filter(([name]) => name !== 'Bl-Dlq-Subject'),
    );
    expect(toDeadLetterRecord(storedRecord(advisoryOnly)).subject).toBeUndefined();
  });
});

describe('originalHeaders', () => {
  it('keeps the original headers and drops the record and server ones', () => {
    expect(originalHeaders(toDeadLetterRecord(storedRecord(HEADERS)))).toEqual({
      'Bl-Id': ['0190-alert'],
      'Bl-Signature': ['sig'],
    });
  });
});

describe('replayMsgId', () => {
  it("derives one id per record, tagged from the record's own id so no publisher can store it first", () => {
    const record = toDeadLetterRecord(storedRecord(HEADERS));
    expect(replayMsgId(record)).toMatch(/^replay:12:[A-Za-z0-9_-]{22}$/);
    expect(replayMsgId(record)).toBe(replayMsgId(toDeadLetterRecord(storedRecord(HEADERS))));
    const other = { ...HEADERS, 'Nats-Msg-Id': ['dlq:BL_DELIVERY:node-kz-border:41:tag'] };
    expect(replayMsgId(toDeadLetterRecord(storedRecord(other)))).not.toBe(replayMsgId(record));
  });
});

describe('matchesFilter', () => {
  const record = toDeadLetterRecord(storedRecord(HEADERS));

  it('matches stream and consumer case-insensitively, and everything without a filter', () => {
    expect(matchesFilter(record, {})).toBe(true);
    expect(matchesFilter(record, { stream: 'bl_delivery', consumer: 'NODE-KZ-BORDER' })).toBe(true);
    expect(matchesFilter(record, { stream: 'BL_INGRESS' })).toBe(false);
    expect(matchesFilter(record, { consumer: 'node-other' })).toBe(false);
  });

  it('attributes a record by the subject it was filed on, never by the consumer its headers claim', () => {
    const forged = { ...HEADERS, 'Bl-Dlq-Consumer': ['node-tj-border'] };
    const filedByKz = toDeadLetterRecord(storedRecord(forged, 13, 'x', 'bl.dlq.bl_delivery.node-kz-border'));
    expect(filedByKz.filedBy).toEqual({ stream: 'bl_delivery', consumer: 'node-kz-border' });
    expect(matchesFilter(filedByKz, { consumer: 'node-tj-border' })).toBe(false);
    expect(matchesFilter(filedByKz, { consumer: 'node-kz-border' })).toBe(true);
  });
});

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
  it('derives one id per record', () => {
    expect(replayMsgId(12)).toBe('replay:12');
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
});

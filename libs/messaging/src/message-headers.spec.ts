import { headerRecord, toMsgHeaders } from './message-headers.js';
import { MsgHdrsImpl } from '@nats-io/transport-node';

describe('toMsgHeaders', () => {
  it('carries every header and the message id as Nats-Msg-Id', () => {
    const headers = toMsgHeaders({ 'Bl-Id': 'a1', 'Bl-Type': 'alert' }, 'a1');
    expect(headers.get('Bl-Id')).toBe('a1');
    expect(headers.get('Bl-Type')).toBe('alert');
    expect(headers.get('Nats-Msg-Id')).toBe('a1');
  });

  it('lets the message id win over a Nats-Msg-Id in the record', () => {
    expect(toMsgHeaders({ 'Nats-Msg-Id': 'other' }, 'a1').values('Nats-Msg-Id')).toEqual(['a1']);
  });

  it('refuses values and ids with line breaks, which would end the header block', () => {
    expect(() => toMsgHeaders({ 'Bl-Id': 'a\r\nInjected: 1' }, 'a1')).toThrow(RangeError);
    expect(() => toMsgHeaders(undefined, 'a1\n')).toThrow(RangeError);
  });

  it('refuses an empty message id and names that are not header names', () => {
    expect(() => toMsgHeaders(undefined, '')).toThrow(RangeError);
    expect(() => toMsgHeaders({ 'Bl Id': 'x' }, 'a1')).toThrow(RangeError);
    expect(() => toMsgHeaders({ 'Bl:Id': 'x' }, 'a1')).toThrow(RangeError);
  });
});

describe('headerRecord', () => {
  it('keeps the first value of each header under its exact name', () => {
    const record = headerRecord(MsgHdrsImpl.fromRecord({ 'Bl-Id': ['a1', 'a2'], 'Bl-Type': ['alert'] }));
    expect({ ...record }).toEqual({ 'Bl-Id': 'a1', 'Bl-Type': 'alert' });
  });

  it('is empty for a message without headers, and inherits nothing', () => {
    const record = headerRecord(undefined);
    expect(Object.keys(record)).toEqual([]);
    expect(record['constructor']).toBeUndefined();
  });
});

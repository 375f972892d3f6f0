import { fakeJsMsg } from '../test/js-msg.fixtures.js';
import { JetStreamContext } from './jetstream-context.js';

describe('JetStreamContext', () => {
  const msg = fakeJsMsg({
    subject: 'bl.out.tj-border.alert.afghan-border.salw',
    headers: { 'Bl-Id': ['a1'], 'Bl-Recipient': ['tj-border'] },
    info: { stream: 'BL_DELIVERY', consumer: 'node-tj-border', deliveryCount: 2, streamSequence: 9 },
  });
  const ctx = new JetStreamContext(msg);

  it('exposes the subject and delivery metadata', () => {
    expect(ctx.subject).toBe('bl.out.tj-border.alert.afghan-border.salw');
    expect(ctx.stream).toBe('BL_DELIVERY');
    expect(ctx.consumer).toBe('node-tj-border');
    expect(ctx.deliveryCount).toBe(2);
    expect(ctx.streamSequence).toBe(9);
  });

  it('reads headers by exact name', () => {
    expect(ctx.header('Bl-Id')).toBe('a1');
    expect(ctx.header('Bl-Missing')).toBeUndefined();
    expect(ctx.headers()).toEqual({ 'Bl-Id': 'a1', 'Bl-Recipient': 'tj-border' });
  });

  it('hands out copies of the headers', () => {
    ctx.headers()['Bl-Id'] = 'changed';
    expect(ctx.header('Bl-Id')).toBe('a1');
  });

  it('carries the raw message as its only argument, like other Nest contexts', () => {
    expect(ctx.getArgs()).toEqual([msg]);
  });
});

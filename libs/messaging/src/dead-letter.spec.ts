import {
  DEAD_LETTER_HEADERS,
  deadLetterHeaders,
  deadLetterHeadersOf,
  deadLetterMsgId,
} from './dead-letter.js';
import { fakeJsMsg } from '../test/js-msg.fixtures.js';

describe('deadLetterHeaders', () => {
  const msg = fakeJsMsg({
    subject: 'bl.in.kz-border.alert',
    headers: {
      'Nats-Msg-Id': ['0190-alert'],
      'Nats-Expected-Stream': ['BL_INGRESS'],
      'Bl-Id': ['0190-alert'],
      'Bl-Signature': ['sig'],
    },
    info: { stream: 'BL_INGRESS', consumer: 'hub-ingress', streamSequence: 7, deliveryCount: 3 },
  });

  it('keeps the original headers', () => {
    const headers = deadLetterHeaders(msg, 'PermanentFailure: bad signature');
    expect(headers.get('Bl-Id')).toBe('0190-alert');
    expect(headers.get('Bl-Signature')).toBe('sig');
  });

  it('says where the message came from, how often it was delivered and why it failed', () => {
    const headers = deadLetterHeaders(msg, 'PermanentFailure: bad signature');
    expect(headers.get(DEAD_LETTER_HEADERS.stream)).toBe('BL_INGRESS');
    expect(headers.get(DEAD_LETTER_HEADERS.consumer)).toBe('hub-ingress');
    expect(headers.get(DEAD_LETTER_HEADERS.subject)).toBe('bl.in.kz-border.alert');
    expect(headers.get(DEAD_LETTER_HEADERS.sequence)).toBe('7');
    expect(headers.get(DEAD_LETTER_HEADERS.deliveries)).toBe('3');
    expect(headers.get(DEAD_LETTER_HEADERS.reason)).toBe('PermanentFailure: bad signature');
  });

  it('moves the original message id aside and dedupes the record per message and consumer', () => {
    const headers = deadLetterHeaders(msg, 'x');
    expect(headers.get(DEAD_LETTER_HEADERS.msgId)).toBe('0190-alert');
    expect(headers.get('Nats-Msg-Id')).toBe(deadLetterMsgId('BL_INGRESS', 'hub-ingress', 7));
  });

  it("names the record with the writer's own id when it has one", () => {
    const keyed = (stream: string, consumer: string, seq: number) => `dlq:${stream}:${consumer}:${seq}:tag`;
    expect(deadLetterHeaders(msg, 'x', keyed).get('Nats-Msg-Id')).toBe('dlq:BL_INGRESS:hub-ingress:7:tag');
  });

  it('drops headers the server would act on when storing the record', () => {
    expect(deadLetterHeaders(msg, 'x').has('Nats-Expected-Stream')).toBe(false);
  });

  it('puts a multi-line reason on one line and bounds its length', () => {
    const reason = deadLetterHeaders(msg, `first\r\nsecond\n${'x'.repeat(5_000)}`).get(
      DEAD_LETTER_HEADERS.reason,
    );
    expect(reason.startsWith('first second x')).toBe(true);
    expect(reason.length).toBe(1_000);
  });

  it('works for a message that came without headers', () => {
    const headers = deadLetterHeaders(fakeJsMsg(), 'x');
    expect(headers.get(DEAD_LETTER_HEADERS.stream)).toBe('BL_INGRESS');
    expect(headers.has(DEAD_LETTER_HEADERS.msgId)).toBe(false);
  });
});

describe('deadLetterHeadersOf', () => {
  it('leaves out the subject of an original that is no longer stored', () => {
    const headers = deadLetterHeadersOf(
      { stream: 'BL_DELIVERY', consumer: 'node-a', streamSequence: 9, deliveries: 4 },
      'gone',
    );
    expect(headers.has(DEAD_LETTER_HEADERS.subject)).toBe(false);
    expect(headers.get(DEAD_LETTER_HEADERS.deliveries)).toBe('4');
    expect(headers.get('Nats-Msg-Id')).toBe(deadLetterMsgId('BL_DELIVERY', 'node-a', 9));
  });
});

import type { DeliveryInfo, JsMsg } from '@nats-io/jetstream';
import { MsgHdrsImpl } from '@nats-io/transport-node';

/** What a test may set on a fake delivered message. */
export interface FakeDelivery {
  subject?: string;
  data?: Uint8Array;
  headers?: Record<string, string[]>;
  info?: Partial<DeliveryInfo>;
}

/** A delivered JetStream message for unit tests of code that only reads it. */
export function fakeJsMsg(delivery: FakeDelivery = {}): JsMsg {
  const info: DeliveryInfo = {
    domain: '',
    stream: 'BL_INGRESS',
    consumer: 'hub-ingress',
    deliveryCount: 1,
    streamSequence: 42,
    deliverySequence: 42,
    timestampNanos: 0,
    pending: 0,
    redelivered: false,
    ...delivery.info,
  };
  const fake: Partial<JsMsg> = {
    subject: delivery.subject ?? 'bl.in.kz-border.alert',
    data: delivery.data ?? new Uint8Array([1, 2, 3]),
    headers: delivery.headers ? MsgHdrsImpl.fromRecord(delivery.headers) : undefined,
    info,
    seq: info.streamSequence,
    redelivered: info.deliveryCount > 1,
  };
  return fake as JsMsg;
}

import { BaseRpcContext } from '@nestjs/microservices';
import type { JsMsg } from '@nats-io/jetstream';
import { headerRecord } from './message-headers.js';

/**
 * What a handler knows about the message besides its body (`@Ctx() ctx: JetStreamContext`): subject,
 * headers and delivery metadata. Headers are read once, on first use.
 */
export class JetStreamContext extends BaseRpcContext<[JsMsg]> {
  private record: Record<string, string> | undefined;

  constructor(
    private readonly msg: JsMsg,
    private readonly release: () => void = () => undefined,
  ) {
    super([msg]);
  }

  /**
   * Lets the next message with this one's ordering key (`ConsumerSpec.sequenceBy`) start now, while
   * this handler finishes: for a handler whose order-dependent part ends before its work does. The
   * message is still acked only when the handler resolves. Calling it again does nothing.
   */
  releaseOrder(): void {
    this.release();
  }

  /** The message's body, as published. */
  get body(): Uint8Array {
    return this.msg.data;
  }

  /** The subject the message was published on. */
  get subject(): string {
    return this.msg.subject;
  }

  /** The first value of header `name` (exact name, as published), or undefined. */
  header(name: string): string | undefined {
    return this.lines()[name];
  }

  /** A copy of all headers, first value of each. */
  headers(): Record<string, string> {
    return { ...this.lines() };
  }

  /** 1 on the first delivery, 2 on the first redelivery, … */
  get deliveryCount(): number {
    return this.msg.info.deliveryCount;
  }

  /** The message's sequence in its stream: stable across redeliveries. */
  get streamSequence(): number {
    return this.msg.info.streamSequence;
  }

  get stream(): string {
    return this.msg.info.stream;
  }

  get consumer(): string {
    return this.msg.info.consumer;
  }

  private lines(): Record<string, string> {
    this.record ??= headerRecord(this.msg.headers);
    return this.record;
  }
}

import { RpcException } from '@nestjs/microservices';

/**
 * Thrown by a handler when retrying cannot help (malformed body, refused by policy): the message is
 * terminated and a dead-letter record is written instead of a redelivery.
 *
 * It is an `RpcException` whose error is itself, because Nest's exception filter replaces any other
 * error with an opaque object before the transport sees it; this way the transport still gets this
 * instance and can branch on `instanceof PermanentFailure`.
 */
export class PermanentFailure extends RpcException {
  override readonly name = 'PermanentFailure';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message);
    if (options && 'cause' in options) this.cause = options.cause;
  }

  override getError(): object {
    return this;
  }
}

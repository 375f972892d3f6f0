import { ExecutionContextHost } from '@nestjs/core/internal';
import { BaseRpcExceptionFilter } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { PermanentFailure } from './permanent-failure.js';

describe('PermanentFailure', () => {
  it('is an error with a stable name, its message and cause', () => {
    const cause = new Error('signature does not verify');
    const failure = new PermanentFailure('bad signature', { cause });
    expect(failure).toBeInstanceOf(Error);
    expect(failure.name).toBe('PermanentFailure');
    expect(failure.message).toBe('bad signature');
    expect(failure.cause).toBe(cause);
  });

  it("comes through Nest's default exception filter as itself, so the transport can recognise it", async () => {
    const failure = new PermanentFailure('bad signature');
    const host = new ExecutionContextHost([new Uint8Array(), undefined]);
    host.setType('rpc');
    await expect(lastValueFrom(new BaseRpcExceptionFilter().catch(failure, host))).rejects.toBe(failure);
  });
});

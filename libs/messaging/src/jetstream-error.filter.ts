import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Hands a handler's error to the JetStream transport as it was thrown. Without it, Nest's default
 * filter turns any error but an `RpcException` into `{ status: 'error', message: 'Internal server
 * error' }`, and retry logs and dead-letter records lose the real reason. Apply it with
 * `@UseFilters(new JetStreamErrorFilter())` on a handler class, or `useGlobalFilters` on the microservice.
 */
@Catch()
export class JetStreamErrorFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

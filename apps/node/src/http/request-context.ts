import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

// A caller's own request id is kept when it is short and plain, so it can be followed across systems.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const requests = new AsyncLocalStorage<{ requestId: string }>();

/**
 * A logger that adds the id of the HTTP request being served (if any) to every line logged on its
 * behalf, by whichever service logs it.
 */
export function withRequestIds(logger: Logger): Logger {
  return logger.child(
    {},
    {
      formatters: {
        log: (object: object) => {
          const requestId = requests.getStore()?.requestId;
          return requestId === undefined ? object : { ...object, requestId };
        },
      },
    },
  );
}

/**
 * The first middleware: takes the caller's `X-Request-Id` when it is sane, or makes one, answers it
 * in the `X-Request-Id` header, and serves the rest of the request in its context (withRequestIds).
 */
export function requestContext(request: Request, response: Response, next: NextFunction): void {
  const given = request.headers['x-request-id'];
  const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', requestId);
  requests.run({ requestId }, next);
}

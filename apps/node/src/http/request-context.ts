import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { currentRequestId, serveRequest } from '../common/request-id.js';

// A caller's own request id is kept when it is short and plain, so it can be followed across systems.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

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
          const requestId = currentRequestId();
          return requestId === undefined ? object : { ...object, requestId };
        },
      },
    },
  );
}

/**
 * The first middleware: takes the caller's `X-Request-Id` when it is sane, or makes one, answers it
 * in the `X-Request-Id` header, and serves the rest of the request in its context (common/request-id.ts),
 * where the logs and the access log find it.
 */
export function requestContext(request: Request, response: Response, next: NextFunction): void {
  const given = request.headers['x-request-id'];
  const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', requestId);
  serveRequest(requestId, next);
}

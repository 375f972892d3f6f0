import type { NextFunction, Request, Response } from 'express';
import { CAP_MEDIA_TYPE } from '#cap';

/** Where the CAP forms of `POST /v1/alerts` and `GET /v1/messages/{id}` are served. */
export const CAP_ROUTES = Object.freeze({
  controller: 'v1/cap',
  alerts: 'alerts',
  message: 'messages/:id',
});

const MESSAGE = /^\/v1\/messages\/([^/?]+)(\?.*)?$/;
const ALERTS = /^\/v1\/alerts\/?(\?.*)?$/;

/**
 * Content negotiation for CAP 1.2: a CAP document posted to `/v1/alerts`, and a message asked for as
 * CAP (`accept` preferring `application/cap+xml` to JSON), go to the CAP routes, which the same guard,
 * roles and access log serve. Express has no routing by media type, hence the rewrite at the edge.
 */
export function negotiateCap(request: Request, _response: Response, next: NextFunction): void {
  if (request.method === 'POST' && ALERTS.test(request.url) && request.is(CAP_MEDIA_TYPE) !== false) {
    const query = ALERTS.exec(request.url)?.[1] ?? '';
    request.url = `/${CAP_ROUTES.controller}/${CAP_ROUTES.alerts}${query}`;
  } else if (request.method === 'GET' && MESSAGE.test(request.url)) {
    if (request.accepts(['application/json', CAP_MEDIA_TYPE]) === CAP_MEDIA_TYPE) {
      const [, id = '', query = ''] = MESSAGE.exec(request.url) ?? [];
      request.url = `/${CAP_ROUTES.controller}/messages/${id}${query}`;
    }
  }
  next();
}

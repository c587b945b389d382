import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Clock } from '../clock';

const RECEIVED_AT = Symbol('receivedAt');
type StampedRequest = Request & { [RECEIVED_AT]?: Date };

/**
 * The app's first middleware: the moment the server has read a request's headers, before parsing,
 * limits or a free database connection are waited for. Under a deadline rush a vote may wait seconds
 * for those; it counts by when it came in, not by when its turn came.
 */
export function stampReceivedAt(clock: Clock) {
  return (request: Request, _response: Response, next: NextFunction): void => {
    (request as StampedRequest)[RECEIVED_AT] = clock.now();
    next();
  };
}

/** The moment the server received this request (see stampReceivedAt). */
export const ReceivedAt = createParamDecorator((_: unknown, context: ExecutionContext): Date => {
  const at = context.switchToHttp().getRequest<StampedRequest>()[RECEIVED_AT];
  if (!at) throw new Error('stampReceivedAt is not installed in this app');
  return at;
});

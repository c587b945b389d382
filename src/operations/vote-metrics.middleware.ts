import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsRegistry } from './metrics.registry';

/** Counts and times every ballot submission, through the API and through the ballot page. */
@Injectable()
export class VoteMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsRegistry) {}

  use(request: Request, response: Response, next: NextFunction): void {
    if (request.method !== 'POST') return next();
    const channel = request.originalUrl.startsWith('/api/') ? 'api' : 'page';
    const stop = this.metrics.voteLatency.startTimer({ channel });
    response.once('finish', () => {
      stop();
      const status = response.statusCode;
      this.metrics.votes.inc({ outcome: status < 400 ? 'received' : 'refused', status: String(status), channel });
    });
    next();
  }
}

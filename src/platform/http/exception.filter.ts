import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable, OutageLog } from '../database/database-unavailable';
import { DomainError, httpStatusOf } from './domain-error';
import { PageRenderer } from './page-renderer';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  errors?: { field: string; rule: string }[];
}

/**
 * The one place where errors become HTTP answers: JSON under /api, a Dutch page elsewhere.
 * Anything that is neither a DomainError nor a framework HttpException is a bug: logged, 500.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');
  private readonly outages = new OutageLog();

  constructor(private readonly pages: PageRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const body = this.toBody(exception, request);
    if (response.headersSent) return;
    if (body.statusCode === 503) response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    if (body.statusCode === 401 && request.path.startsWith('/bestuur')) {
      response.redirect(303, '/bestuur/inloggen');
      return;
    }
    if (request.path.startsWith('/api') || request.path === '/health' || !request.accepts('html')) {
      response.status(body.statusCode).json(body);
      return;
    }
    const unavailable = body.error === 'SERVICE_UNAVAILABLE';
    response.status(body.statusCode).type('html').send(this.pages.render('error', {
      title: body.statusCode === 404 ? 'Niet gevonden' : unavailable ? 'Even niet bereikbaar' : 'Dat ging niet',
      statusCode: body.statusCode,
      message: unavailable ? 'De ledenraadpleging is even niet bereikbaar. Probeer het zo meteen opnieuw.' : body.message,
      errors: body.errors ?? [],
    }));
  }

  private toBody(exception: unknown, request: Request): ErrorBody {
    if (exception instanceof DomainError) {
      return {
        statusCode: httpStatusOf(exception.code),
        error: exception.code,
        message: exception.message,
        ...(exception.fieldErrors.length ? { errors: exception.fieldErrors } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      const message = typeof payload === 'string' ? payload : String((payload as { message?: unknown }).message ?? exception.message);
      if (status >= 500) this.logger.error(exception);
      return { statusCode: status, error: status === 404 ? 'NOT_FOUND' : status === 429 ? 'TOO_MANY_ATTEMPTS' : 'HTTP_ERROR', message };
    }
    // body-parser errors (malformed JSON, too large) carry a status of their own
    const status = (exception as { status?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { statusCode: status, error: 'INVALID_INPUT', message: `request body: ${(exception as Error).message}` };
    }
    if (isDatabaseUnavailable(exception)) return this.unavailable(exception);
    this.logger.error({ err: exception, path: request.path }, 'unhandled error');
    return { statusCode: 500, error: 'INTERNAL', message: 'Internal error' };
  }

  /** PostgreSQL cannot be reached: a temporary refusal, never an error; one log line per outage. */
  private unavailable(exception: unknown): ErrorBody {
    const line = this.outages.note(exception);
    if (line) this.logger.warn(line);
    return { statusCode: 503, error: 'SERVICE_UNAVAILABLE', message: `the database is briefly unavailable; try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds` };
  }
}

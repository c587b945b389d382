import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { redactUrl } from '../logging';
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

  constructor(private readonly pages: PageRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const body = this.toBody(exception, request);
    if (response.headersSent) return;
    if (body.statusCode === 401 && request.path.startsWith('/bestuur')) {
      response.redirect(303, '/bestuur/inloggen');
      return;
    }
    if (request.path.startsWith('/api') || request.path === '/health' || !request.accepts('html')) {
      response.status(body.statusCode).json(body);
      return;
    }
    response.status(body.statusCode).type('html').send(this.pages.render('error', {
      title: body.statusCode === 404 ? 'Niet gevonden' : 'Dat ging niet',
      statusCode: body.statusCode,
      message: body.message,
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
    this.logger.error({ err: exception, path: redactUrl(request.originalUrl) }, 'unhandled error');
    return { statusCode: 500, error: 'INTERNAL', message: 'Internal error' };
  }
}

import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { redactUrl } from '../logging';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable, OutageLog } from '../database/database-unavailable';
import { DomainError, httpStatusOf } from './domain-error';
import { fieldErrorsNl, pageMessage } from './page-messages';
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

  constructor(private readonly renderer: PageRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const body = this.toBody(exception, request);
    if (response.headersSent) return;
    if (body.statusCode === 503) response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    // Staff pages send a visitor who is not signed in to the sign-in page (board, bureau and member officials alike; providers too; anyone's own account page).
    if (body.statusCode === 401 && /^\/(bestuur|gemeente|facturen|aanbieder|account)(\/|$)/.test(request.path)) {
      response.redirect(303, '/bestuur/inloggen');
      return;
    }
    // The operations of the OpenAPI document answer errors in its ErrorResponse shape, whatever the client accepts.
    if (request.path.startsWith('/api') || request.path === '/health' || request.path === '/metrics' || !request.accepts('html')) {
      response.status(body.statusCode).json(body);
      return;
    }
    // Pages speak Dutch: the text of the code, never the API's English message.
    response
      .status(body.statusCode)
      .type('html')
      .send(
        this.renderer.render('error', {
          ...pageMessage(body.error, request.path),
          statusCode: body.statusCode,
          errors: fieldErrorsNl(body.errors ?? []),
        }),
      );
  }

  private toBody(exception: unknown, request: Request): ErrorBody {
    // Nest wraps errors raised in Express middleware (the body parsers and their verify hook) in an
    // HttpException that keeps the original as its cause: answer for the original.
    const cause: unknown = exception instanceof HttpException ? exception.cause : undefined;
    if (cause instanceof DomainError || isBodyParserError(cause)) return this.toBody(cause, request);
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
      const payloadMessage = typeof payload === 'string' ? payload : (payload as { message?: unknown }).message;
      const message = typeof payloadMessage === 'string' ? payloadMessage : Array.isArray(payloadMessage) ? payloadMessage.join(',') : exception.message;
      if (status >= 500) this.logger.error(exception);
      return { statusCode: status, error: status === 404 ? 'NOT_FOUND' : status === 429 ? 'TOO_MANY_ATTEMPTS' : 'HTTP_ERROR', message };
    }
    const refused = databaseRefusal(exception);
    if (refused) {
      // A safety net only: input the database refuses should have been refused at the edge. A defect.
      // The route pattern, never the path: a ballot path carries its secret.
      this.logger.error(
        { err: exception, route: (request.route as { path?: string } | undefined)?.path, sqlState: refused.sqlState },
        'database refused input that validation let through',
      );
      return refused.body;
    }
    // body-parser errors (malformed JSON, too large) carry a status of their own
    const status = (exception as { status?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { statusCode: status, error: 'INVALID_INPUT', message: `request body: ${(exception as Error).message}` };
    }
    if (isDatabaseUnavailable(exception)) return this.unavailable(exception);
    this.logger.error({ err: exception, path: redactUrl(request.originalUrl) }, 'unhandled error');
    return { statusCode: 500, error: 'INTERNAL', message: 'Internal error' };
  }

  /** PostgreSQL cannot be reached: a temporary refusal, never an error; one log line per outage. */
  private unavailable(exception: unknown): ErrorBody {
    const line = this.outages.note(exception);
    if (line) this.logger.warn(line);
    return {
      statusCode: 503,
      error: 'SERVICE_UNAVAILABLE',
      message: `the database is briefly unavailable; try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds`,
    };
  }
}

/** An error of Express's body parsers (malformed JSON, too large, bad charset): http-errors with a type. */
function isBodyParserError(error: unknown): boolean {
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
  return typeof type === 'string' && typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * PostgreSQL data exceptions (class 22: bad value, out of range, NUL in text) and integrity
 * violations (class 23: not null, unique, foreign key, check) are the client's input, not a crash:
 * a 409 for a duplicate or a dangling reference, a 400 otherwise.
 */
export function databaseRefusal(exception: unknown): { sqlState: string; body: ErrorBody } | null {
  const sqlState = (exception as { driverError?: { code?: unknown } })?.driverError?.code ?? (exception as { code?: unknown })?.code;
  if (typeof sqlState !== 'string' || !/^2[23][0-9A-Z]{3}$/.test(sqlState)) return null;
  const column = (exception as { driverError?: { column?: unknown } }).driverError?.column;
  const field = typeof column === 'string' ? column : 'request';
  if (sqlState === '23505') return { sqlState, body: { statusCode: 409, error: 'DUPLICATE', message: `${field}: already exists` } };
  if (sqlState === '23503')
    return { sqlState, body: { statusCode: 409, error: 'CONFLICT', message: `${field}: refers to something that does not exist or is still referred to` } };
  const rule = sqlState.startsWith('22') ? 'is not a value the database can store' : 'breaks a rule of the register';
  return { sqlState, body: { statusCode: 400, error: 'INVALID_INPUT', message: `${field}: ${rule}`, errors: [{ field, rule }] } };
}

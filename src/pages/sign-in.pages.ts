import { Body, Controller, Get, Header, HttpCode, Post, Req, Res } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AccountsService } from '../accounts/accounts.service';
import { SESSION_COOKIE } from '../accounts/staff.guard';
import { DomainError } from '../platform/http/domain-error';
import { homeOf } from '../platform/http/navigation';
import { PageRenderer } from '../platform/http/page-renderer';
import { currentRequest } from '../platform/http/request-context';
import { formFields } from '../platform/http/form-fields';
import { FieldMessage, messagesAt, textField } from './page-form';

const FIELDS = ['email', 'password', 'code'];

/**
 * The one sign-in page of everyone with an account: the board and the bureau, member officials and
 * providers. Each lands on its own home (homeOf). Secretaries need no account: their ballot link is
 * their access, which the page says.
 */
@ApiExcludeController()
@Controller('bestuur')
export class SignInPages {
  constructor(
    private readonly accounts: AccountsService,
    private readonly renderer: PageRenderer,
  ) {}

  @Get('inloggen')
  @Header('Content-Type', 'text/html; charset=utf-8')
  form() {
    return this.render('', []);
  }

  @Post('inloggen')
  @HttpCode(200)
  @Throttle({ default: { limit: 20, ttl: 60_000 } })
  async signIn(@Body() posted: unknown, @Req() request: Request, @Res() response: Response) {
    const body = formFields(posted);
    const email = textField(body, 'email');
    const password = typeof body.password === 'string' ? body.password : '';
    const code = textField(body, 'code');
    // Empty fields are said at the field; they are not a failed attempt.
    const missing: FieldMessage[] = [
      ...(email ? [] : [{ field: 'email', message: 'Vul uw e-mailadres in.' }]),
      ...(password ? [] : [{ field: 'password', message: 'Vul uw wachtwoord in.' }]),
    ];
    if (missing.length) {
      response.status(400).type('html').send(this.render(email, missing));
      return;
    }
    try {
      const session = await this.accounts.signIn(email, password, code || undefined, request.ip ?? 'unknown');
      response.cookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: currentRequest()?.secureCookies ?? true,
        expires: session.expiresAt,
        path: '/',
      });
      // Member officials have their own pages (/gemeente), providers their read-only view; everyone else starts at the board's.
      response.redirect(303, homeOf(session.account.role));
    } catch (error) {
      if (!(error instanceof DomainError) || !['UNAUTHENTICATED', 'TOO_MANY_ATTEMPTS', 'INVALID_INPUT'].includes(error.code)) throw error;
      response
        .status(error.code === 'TOO_MANY_ATTEMPTS' ? 429 : 401)
        .type('html')
        .send(this.render(email, [signInRefusal(error, code)]));
    }
  }

  private render(email: string, errors: FieldMessage[]): string {
    const at = messagesAt(errors, FIELDS);
    return this.renderer.render('sign-in', {
      title: errors.length ? 'Fout bij inloggen' : 'Inloggen',
      email,
      errors,
      ...at,
      // A wrong e-mail address or password is one message (which of the two is not said): both fields are marked.
      passwordInvalid: at.passwordError !== null || at.emailError !== null,
      passwordDescribedBy: at.passwordError ? 'fout-password' : at.emailError ? 'fout-email' : null,
    });
  }
}

/** The account service's refusal in Dutch, at the field it concerns. */
function signInRefusal(error: DomainError, code: string): FieldMessage {
  if (error.code === 'TOO_MANY_ATTEMPTS') return { field: 'email', message: 'Er is te vaak verkeerd ingelogd. Probeer het over een kwartier opnieuw.' };
  if (error.fieldErrors.some((e) => e.field === 'code')) {
    return code
      ? { field: 'code', message: 'De eenmalige code klopt niet. Vul de code in die uw authenticator-app nu toont.' }
      : { field: 'code', message: 'Vul de eenmalige code uit uw authenticator-app in.' };
  }
  return { field: 'email', message: 'Het e-mailadres of het wachtwoord klopt niet.' };
}

import { applyDecorators, CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiCookieAuth } from '@nestjs/swagger';
import type { Request } from 'express';
import { DomainError } from '../platform/http/domain-error';
import { errorResponses } from '../platform/http/openapi/api-doc.decorator';
import { currentRequest } from '../platform/http/request-context';
import { AccountsService, SignedInStaff } from './accounts.service';
import { allows, Permission } from './permissions';

export const SESSION_COOKIE = 'sessie';
export const PERMISSION_KEY = 'permission';

export type StaffRequest = Request & { staff?: SignedInStaff };

export function sessionTokenOf(request: Request): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const cookie = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
  return cookie ?? null;
}

@Injectable()
export class StaffGuard implements CanActivate {
  constructor(
    private readonly accounts: AccountsService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<StaffRequest>();
    const token = sessionTokenOf(request);
    const staff = token ? await this.accounts.bySessionToken(token) : null;
    if (!staff) throw new DomainError('UNAUTHENTICATED', 'Sign in as staff of the association first');
    const permission =
      this.reflector.get<Permission>(PERMISSION_KEY, context.getHandler()) ?? this.reflector.get<Permission>(PERMISSION_KEY, context.getClass());
    if (permission && !allows(staff.role, permission)) {
      throw new DomainError('FORBIDDEN', `The role ${staff.role} may not do ${permission}`);
    }
    request.staff = staff;
    const requestContext = currentRequest();
    if (requestContext) requestContext.viewer = { name: staff.name, role: staff.role };
    return true;
  }
}

/**
 * Public pages that look who is signed in without asking for it: the layout then shows that
 * person's navigation. Never refuses; a missing or expired session is simply nobody.
 */
@Injectable()
export class ViewerGuard implements CanActivate {
  constructor(private readonly accounts: AccountsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<StaffRequest>();
    const cookie = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const staff = cookie ? await this.accounts.bySessionToken(cookie) : null;
    const requestContext = currentRequest();
    if (staff && requestContext) requestContext.viewer = { name: staff.name, role: staff.role };
    return true;
  }
}

/** A public page that shows the signed-in person's navigation when there is one. */
export function ShowsViewer() {
  return UseGuards(ViewerGuard);
}

/** How the document names staff access: the session token as bearer, or the session cookie; refusals 401 and 403. */
export function StaffSecurity() {
  return applyDecorators(ApiBearerAuth('bearer'), ApiCookieAuth(SESSION_COOKIE), errorResponses([401, 403]));
}

/** Only signed-in staff whose role has the permission. */
export function Can(permission: Permission) {
  return applyDecorators(SetMetadata(PERMISSION_KEY, permission), UseGuards(StaffGuard), StaffSecurity());
}

/** Any signed-in account, whatever its role (e.g. to turn on one-time codes for itself). */
export function SignedIn() {
  return applyDecorators(UseGuards(StaffGuard), StaffSecurity());
}

export const CurrentStaff = createParamDecorator((_: unknown, context: ExecutionContext): SignedInStaff => {
  const staff = context.switchToHttp().getRequest<StaffRequest>().staff;
  if (!staff) throw new DomainError('UNAUTHENTICATED', 'Sign in as staff of the association first');
  return staff;
});

export { staffActor } from './staff-actor';

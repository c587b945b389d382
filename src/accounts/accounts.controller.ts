import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiDoc } from '../platform/http/openapi/api-doc.decorator';
import { Page, pageOf, PageQueryDto, pageRequest } from '../platform/http/openapi/paging';
import { AccountsService, SignedInStaff } from './accounts.service';
import { AccountPage, AccountResponse, OneTimeCodesResponse, SessionResponse } from './dto/account.response';
import { CreateAccountDto } from './dto/create-account.dto';
import { SignInDto } from './dto/sign-in.dto';
import { Can, CurrentStaff, sessionTokenOf, SignedIn, staffActor } from './staff.guard';

@ApiTags('accounts')
@Controller('api')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('auth/sign-in')
  @HttpCode(200)
  @Throttle({ default: { limit: 20, ttl: 60_000 } })
  @ApiDoc({ summary: 'Sign in as staff', response: SessionResponse, responseDescription: 'the session: its token and the account', errors: [401] })
  signIn(@Body() body: SignInDto, @Req() request: Request): Promise<SessionResponse> {
    return this.accounts.signIn(body.email, body.password, body.code, request.ip ?? 'unknown');
  }

  @Post('auth/sign-out')
  @HttpCode(204)
  @ApiDoc({ summary: 'Sign out (ends the session of the bearer token or cookie, if any)', status: 204, responseDescription: 'signed out' })
  async signOut(@Req() request: Request): Promise<void> {
    const token = sessionTokenOf(request);
    if (token) await this.accounts.signOut(token);
  }

  @Post('accounts/me/one-time-codes')
  @SignedIn()
  @ApiDoc({ summary: 'Turn on one-time codes (TOTP) for the signed-in account', status: 201, response: OneTimeCodesResponse, errors: [409] })
  enableTotp(@CurrentStaff() staff: SignedInStaff): Promise<OneTimeCodesResponse> {
    return this.accounts.enableTotp(staff);
  }

  @Get('accounts')
  @Can('accounts.manage')
  @ApiDoc({ summary: 'List staff accounts', response: AccountPage })
  async list(@Query() query: PageQueryDto): Promise<Page<AccountResponse>> {
    return pageOf(await this.accounts.list(), pageRequest(query));
  }

  @Post('accounts')
  @Can('accounts.manage')
  @ApiDoc({ summary: 'Create a staff account', status: 201, response: AccountResponse, errors: [409] })
  create(@Body() body: CreateAccountDto, @CurrentStaff() staff: SignedInStaff): Promise<AccountResponse> {
    return this.accounts.create(body, staffActor(staff));
  }
}

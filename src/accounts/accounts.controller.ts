import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AccountsService, SignedInStaff } from './accounts.service';
import { CreateAccountDto } from './dto/create-account.dto';
import { SignInDto } from './dto/sign-in.dto';
import { Can, CurrentStaff, sessionTokenOf, SignedIn, staffActor } from './staff.guard';

@ApiTags('auth and accounts')
@Controller('api')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('auth/sign-in')
  @HttpCode(200)
  @Throttle({ default: { limit: 20, ttl: 60_000 } })
  signIn(@Body() body: SignInDto, @Req() request: Request) {
    return this.accounts.signIn(body.email, body.password, body.code, request.ip ?? 'unknown');
  }

  @Post('auth/sign-out')
  @HttpCode(204)
  async signOut(@Req() request: Request): Promise<void> {
    const token = sessionTokenOf(request);
    if (token) await this.accounts.signOut(token);
  }

  @Post('accounts/me/one-time-codes')
  @SignedIn()
  enableTotp(@CurrentStaff() staff: SignedInStaff) {
    return this.accounts.enableTotp(staff);
  }

  @Get('accounts')
  @Can('accounts.manage')
  list() {
    return this.accounts.list();
  }

  @Post('accounts')
  @Can('accounts.manage')
  create(@Body() body: CreateAccountDto, @CurrentStaff() staff: SignedInStaff) {
    return this.accounts.create(body, staffActor(staff));
  }
}

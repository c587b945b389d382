import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AccountsService } from './accounts.service';
import { SignInDto } from './dto/sign-in.dto';
import { sessionTokenOf } from './staff.guard';

@ApiTags('auth')
@Controller('api/auth')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('sign-in')
  @HttpCode(200)
  signIn(@Body() body: SignInDto) {
    return this.accounts.signIn(body.email, body.password);
  }

  @Post('sign-out')
  @HttpCode(204)
  async signOut(@Req() request: Request): Promise<void> {
    const token = sessionTokenOf(request);
    if (token) await this.accounts.signOut(token);
  }
}

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'crypto';
import { userInfo } from 'os';
import { AccountsService } from '../accounts/accounts.service';
import { AppModule } from '../app.module';

/**
 * `npm run account:reset -- <email>` from the server's shell: sets a new password (ACCOUNT_PASSWORD,
 * or a generated one that is printed once), turns one-time codes off and ends the account's sessions.
 * The audit trail records who did it from the shell.
 */
async function main(): Promise<number> {
  const email = process.argv[2];
  if (!email) {
    console.error('usage: npm run account:reset -- <email>   (new password from ACCOUNT_PASSWORD, else one is generated)');
    return 2;
  }
  const given = process.env.ACCOUNT_PASSWORD;
  const password = given || randomBytes(18).toString('base64url');
  const context = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    const reset = await context.get(AccountsService).resetAccess(email, password, `shell:${userInfo().username}`);
    console.log(
      `account ${reset.email} reset: new password set${reset.oneTimeCodesRemoved ? ', one-time codes turned off' : ''}, ${reset.sessionsEnded} session(s) ended`,
    );
    if (!given) console.log(`new password (shown once): ${password}`);
    return 0;
  } catch (error) {
    console.error(`account:reset: ${(error as Error).message}`);
    return 1;
  } finally {
    await context.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);

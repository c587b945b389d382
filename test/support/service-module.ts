import { INestApplicationContext, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuditModule } from '../../src/platform/audit/audit.module';
import { Clock, FixedClock } from '../../src/platform/clock';
import { ConfigModule } from '../../src/platform/config/config.module';
import { DatabaseModule } from '../../src/platform/database/database.module';
import { HttpPlatformModule } from '../../src/platform/http/http.module';
import { QueueModule } from '../../src/platform/queue/queue.module';
import { TextModule } from '../../src/platform/text/text.module';
import { testEnvironment } from '../setup/test-app';

/**
 * A service test (Immich's "medium" tests): the domain modules named, wired with their real
 * repositories on a database of the test file's own (a copy of the migrated template), the platform
 * modules around them, no HTTP server, and a clock that stands still until the test moves it.
 */
export async function startServiceModule(modules: Type[], clock: FixedClock): Promise<INestApplicationContext> {
  Object.assign(process.env, await testEnvironment());
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule, DatabaseModule, QueueModule, TextModule, HttpPlatformModule, AuditModule, ...modules],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  return moduleRef.init();
}

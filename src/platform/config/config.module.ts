import { Global, Module } from '@nestjs/common';
import { Clock } from '../clock';
import { AppConfig, loadConfig } from './app-config';

/** What every process reads from its surroundings: the validated configuration, and the time. */
@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: () => loadConfig() }, Clock],
  exports: [AppConfig, Clock],
})
export class ConfigModule {}

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureHttpApp } from './http-app';
import { loadConfig } from './platform/config/app-config';
import { prepareDatabase } from './platform/database/prepare-database';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  await prepareDatabase(config.DATABASE_URL);
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true });
  configureHttpApp(app);
  await app.listen(config.PORT);
}

bootstrap().catch((error) => {
  console.error(error);
  process.exit(1);
});

/**
 * Writes the OpenAPI document to a file without a database, Redis or a listening port: Nest's preview
 * mode resolves the modules and reads the controllers' decorators but creates no provider.
 *   npm run openapi:write [-- <file>]   (default var/openapi.json)
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { mkdirSync, writeFileSync } from 'fs';
import { dirname, resolve } from 'path';
import { AppModule } from '../src/app.module';
import { createOpenApiDocument } from '../src/openapi-document';

async function main(): Promise<void> {
  const file = resolve(process.argv[2] ?? 'var/openapi.json');
  const app = await NestFactory.create(AppModule, { preview: true, logger: ['error'], abortOnError: false });
  // The servers entry names this instance; the written document describes a development instance.
  const document = createOpenApiDocument(app, process.env.PUBLIC_URL ?? 'http://localhost:3000');
  await app.close();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  const operations = Object.values(document.paths).reduce(
    (n, path) => n + Object.keys(path).filter((k) => ['get', 'put', 'post', 'delete', 'patch'].includes(k)).length,
    0,
  );
  console.log(`OpenAPI document: ${operations} operations, written to ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

import { INestApplication } from '@nestjs/common';
import { NestExpressApplication, NestExpressBodyParserOptionsFor } from '@nestjs/platform-express';
import { OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { join } from 'path';
import type { NextFunction, Request, Response } from 'express';
import { createOpenApiDocument } from './openapi-document';
import { AppConfig, trustProxySetting } from './platform/config/app-config';
import { Clock } from './platform/clock';
import { refuseDeepJson, refuseUnstorableText } from './platform/http/input-guard';
import { stampReceivedAt } from './platform/http/received-at';
import { createRequestContextMiddleware } from './platform/http/request-context';
import { createValidationPipe } from './platform/http/validation';
import { mountQueueDashboard, QUEUE_DASHBOARD_PATH } from './operations/queue-dashboard';
import { projectRoot } from './platform/text/templates';
import { PAGE_UPLOAD_PATHS } from './pages/upload-paths';

const documents = new WeakMap<INestApplication, OpenAPIObject>();

/** The OpenAPI document an app configured here serves (the end-to-end tests validate every answer against it). */
export function openApiDocumentOf(app: INestApplication): OpenAPIObject {
  const document = documents.get(app);
  if (!document) throw new Error('configureHttpApp has not run on this app');
  return document;
}

/** Everything the HTTP app needs besides its modules; shared by main.ts and the end-to-end tests. */
export function configureHttpApp(app: NestExpressApplication): INestApplication {
  app.use(stampReceivedAt(app.get(Clock)));
  app.useLogger(app.get(Logger));
  // Behind a load balancer, req.ip and req.secure come from X-Forwarded-* only for the proxies named here.
  app.set('trust proxy', trustProxySetting(app.get(AppConfig)));
  // The queue dashboard ships its own scripts and styles; every other page keeps the strict default policy.
  const strict = helmet();
  const dashboard = helmet({ contentSecurityPolicy: false });
  app.use((req: Request, res: Response, next: NextFunction) => (req.path.startsWith(QUEUE_DASHBOARD_PATH) ? dashboard : strict)(req, res, next));
  app.use(cookieParser());
  // Nest reserves `verify` only for `rawBody: true`, which this app does not use; otherwise it passes
  // the options to express.json unchanged.
  app.useBodyParser('json', { limit: '3mb', verify: refuseDeepJson } as NestExpressBodyParserOptionsFor<'json'>);
  app.useBodyParser('urlencoded', { extended: false, limit: '1mb' });
  app.use(refuseUnstorableText);
  app.use(
    createRequestContextMiddleware({
      httpsPublicUrl: app.get(AppConfig).PUBLIC_URL.startsWith('https:'),
      exemptPaths: [QUEUE_DASHBOARD_PATH],
      uploadPaths: PAGE_UPLOAD_PATHS,
    }),
  );
  mountQueueDashboard(app);
  // The NL Design System's component CSS, served from its npm package as released (EUPL); our theme is static/vng-theme.css.
  app.useStaticAssets(join(projectRoot(), 'node_modules', '@utrecht', 'component-library-css', 'dist'), { prefix: '/static/nlds/', maxAge: '1d' });
  app.useStaticAssets(join(projectRoot(), 'static'), { prefix: '/static/' });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const document = createOpenApiDocument(app, app.get(AppConfig).PUBLIC_URL);
  documents.set(app, document);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

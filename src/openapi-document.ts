import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { SESSION_COOKIE } from './accounts/staff.guard';
import { BALLOT_TOKEN_HEADER, BALLOT_TOKEN_SCHEME } from './ballots/ballot-access.decorator';
import { ErrorResponse } from './platform/http/openapi/error-response.dto';

/** The modules as the document groups them (one tag each), in the order a reader meets them. */
const TAGS: [string, string][] = [
  ['accounts', 'Staff sign-in, sessions, one-time codes and accounts'],
  ['members', 'The member register: municipalities, secretaries, inhabitants per reference date'],
  ['weighting-schemes', "How a member's weight follows from its inhabitants (public)"],
  ['consultations', 'Consultations and their phases, the register of voting weights, turnout, tallies and published results'],
  ['amendments', 'Amendments and motions, the board\'s response, proposal versions and the letter "Definitieve voorstellen"'],
  ['ballots', 'The ballot of one member, reached with the secret of its link; receipts'],
  ['finance', 'What the votes set: decision effects, contribution schedules, the collective fund (GGU), the impact before a vote'],
  ['billing', 'Invoice runs per charge source, invoices with their lines and instalments, credit notes, the bookkeeping export'],
  ['decisions', 'Adopted motions and resolutions followed up: their asks, progress and the letter "Stand van zaken moties en resoluties"'],
  ['facilities', 'Collective facilities: the catalogue, joining and leaving under signed terms, costs per member and adoption'],
  [
    'subscriptions',
    'The social-domain subscriptions a vote created: providers and tariffs, contracts signed by member officials, progress, break-even, charges, dissolution',
  ],
  ['audit', 'The audit trail and its hash chain'],
  ['operations', 'Health and metrics'],
];

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * The OpenAPI document of the whole HTTP API, built from the controllers' decorators. Served at
 * /api/docs(-json) and written to a file by scripts/write-openapi.ts (lint, client generation).
 */
export function createOpenApiDocument(app: INestApplication, publicUrl: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('VNG Ledenraadpleging API')
    .setDescription(
      'Member consultations with weighted voting for an association of municipalities. ' +
        'Staff endpoints need a session: POST /api/auth/sign-in gives a token for the Authorization header (scheme `bearer`); ' +
        'the pages use the same session as the cookie `sessie`. Ballot endpoints need the secret of the ballot link in the ' +
        `${BALLOT_TOKEN_HEADER} header (scheme \`${BALLOT_TOKEN_SCHEME}\`). Operations without a security requirement are public. ` +
        'Every error has one shape (ErrorResponse) with a stable code. Lists are paged (`page`, `size` up to 1000).',
    )
    .setVersion('1')
    .addServer(publicUrl.replace(/\/$/, ''), 'this instance (its PUBLIC_URL)')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'the token of POST /api/auth/sign-in' }, 'bearer')
    .addCookieAuth(
      SESSION_COOKIE,
      { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'the session cookie of the board pages (same session)' },
      SESSION_COOKIE,
    )
    .addApiKey(
      { type: 'apiKey', in: 'header', name: BALLOT_TOKEN_HEADER, description: 'the secret of the ballot link (the part after /stemmen/)' },
      BALLOT_TOKEN_SCHEME,
    );
  for (const [name, description] of TAGS) config.addTag(name, description);
  const document = SwaggerModule.createDocument(app, config.build(), {
    extraModels: [ErrorResponse],
    operationIdFactory: (controllerKey, methodKey) =>
      `${controllerKey.replace(/Controller$/, '').replace(/^./, (c) => c.toLowerCase())}${methodKey.replace(/^./, (c) => c.toUpperCase())}`,
  });
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = path[method];
      if (!operation) continue;
      // An operation without a guard is public: say so (security: []), so no reader guesses.
      if (!operation.security) operation.security = [];
      // Nest documents every @Headers() argument as a parameter; the ballot token is the ballotToken
      // scheme's header, declared there once (a header a scheme carries is not a parameter as well).
      operation.parameters = operation.parameters?.filter((p) => !('in' in p && p.in === 'header' && p.name.toLowerCase() === BALLOT_TOKEN_HEADER));
      if (operation.parameters?.length === 0) delete operation.parameters;
    }
  }
  return document;
}

/**
 * A typed client for the platform's API, generated from its OpenAPI document:
 *   npm run client:generate   (writes client/schema.d.ts; test/openapi-client.e2e-spec.ts checks it is current)
 *
 *   const api = createLedenraadplegingClient('https://ledenraadpleging.vng.example');
 *   const { data, error } = await api.GET('/api/public/consultations/{id}/results', { params: { path: { id }, query: { page: 1, size: 500 } } });
 *
 * Staff: pass `headers: { Authorization: 'Bearer <token of POST /api/auth/sign-in>' }`; a ballot:
 * `headers: { 'X-Ballot-Token': '<the secret of the ballot link>' }`.
 */
import createClient, { ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './schema';

export type { components, operations, paths };
/** A schema of the document by name, e.g. Schema<'ReceiptResponse'>. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export function createLedenraadplegingClient(baseUrl: string, options: Omit<ClientOptions, 'baseUrl'> = {}) {
  return createClient<paths>({ baseUrl, ...options });
}

export type LedenraadplegingClient = ReturnType<typeof createLedenraadplegingClient>;

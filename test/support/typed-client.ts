import type { Middleware } from 'openapi-fetch';
import { createLedenraadplegingClient, LedenraadplegingClient } from '../../client';
import { TestApp } from '../setup/test-app';

/**
 * The generated client against the app under test, over real HTTP on a loopback port, as an
 * integrator's code would call it; every answer is checked against the document too.
 */
export async function typedClient(t: TestApp): Promise<LedenraadplegingClient> {
  await t.app.listen(0, '127.0.0.1');
  const baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  const contract: Middleware = {
    async onResponse({ request, response }) {
      const text = await response.clone().text();
      const contentType = response.headers.get('content-type') ?? undefined;
      const body: unknown = contentType?.startsWith('application/json') && text ? JSON.parse(text) : undefined;
      const problems = t.contract.violations(request.method, request.url, { status: response.status, contentType, body, text });
      if (problems.length) throw new Error(`the answer drifts from the OpenAPI document:\n  ${problems.join('\n  ')}`);
    },
  };
  const client = createLedenraadplegingClient(baseUrl);
  client.use(contract);
  return client;
}

import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenAPIObject } from '@nestjs/swagger';
import request from 'supertest';

/**
 * The OpenAPI document as a contract the running platform must keep: every answer an end-to-end
 * suite receives from an operation of the document is checked against that operation's documented
 * answer for its status (schema, media type, no body where none is documented). A status the
 * operation does not document, a field the schema does not name, a missing field or a wrong type
 * fails the test that made the request.
 *
 * Stricter than the document on one point: objects are closed (additionalProperties: false unless the
 * schema says otherwise), so a field added to an answer without documenting it is drift too.
 */

type Schema = Record<string, unknown>;
type Json = unknown;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  literalSegments: number;
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

/**
 * OpenAPI 3.0 schema → JSON Schema as Ajv reads it: `nullable` becomes an explicit null alternative,
 * the discriminator (a hint; its mapping Ajv does not read) goes, objects are closed.
 */
function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const { nullable, discriminator: _discriminator, example: _example, ...rest } = node as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(rest)) {
    out[key] =
      key === 'properties'
        ? Object.fromEntries(Object.entries(value as Schema).map(([name, property]) => [name, toJsonSchema(property)]))
        : key === '$ref'
          ? (value as string).replace(/^#\//, 'openapi#/')
          : toJsonSchema(value);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return nullable ? { anyOf: [{ type: 'null' }, out] } : out;
}

export class OpenApiContract {
  private readonly ajv: Ajv;
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: OpenAPIObject) {
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'openapi', components: toJsonSchema(document.components ?? {}) });
    this.routes = Object.entries(document.paths)
      .flatMap(([template, item]) =>
        METHODS.filter((m) => item[m]).map((method) => ({
          method,
          template,
          pattern: new RegExp(
            `^${template
              .split(/\{[^}]+\}/)
              .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
              .join('[^/]+')}$`,
          ),
          literalSegments: template.split('/').filter((segment) => segment && !segment.startsWith('{')).length,
          responses: item[method]!.responses as Route['responses'],
        })),
      )
      // /api/members/export before /api/members/{id}: the more literal template wins.
      .sort((a, b) => b.literalSegments - a.literalSegments);
  }

  /** The operation of the document that answers this request, if any (pages and static files have none). */
  routeOf(method: string, path: string): Route | undefined {
    return this.routes.find((r) => r.method === method.toLowerCase() && r.pattern.test(path));
  }

  /** Everything that does not match the document, as sentences; empty when the answer keeps the contract. */
  violations(method: string, url: string, answer: { status: number; contentType: string | undefined; body: Json; text: string }): string[] {
    const path = new URL(url, 'http://x').pathname;
    const route = this.routeOf(method, path);
    if (!route) return [];
    const where = `${method.toUpperCase()} ${route.template} answered ${answer.status}`;
    const documented = route.responses[String(answer.status)];
    if (!documented) return [`${where}, a status the document does not list for it (it lists ${Object.keys(route.responses).join(', ')})`];
    if (!documented.content) {
      return answer.text ? [`${where} with a body, where the document says there is none`] : [];
    }
    const mediaType = (answer.contentType ?? '').split(';')[0].trim();
    const content = documented.content[mediaType];
    if (!content) return [`${where} as ${mediaType || 'nothing'}, where the document says ${Object.keys(documented.content).join(' or ')}`];
    if (mediaType !== 'application/json') return typeof answer.text === 'string' ? [] : [`${where}: not text`];
    const validate = this.validatorFor(`${route.method} ${route.template} ${answer.status}`, content.schema ?? {});
    if (validate(answer.body)) return [];
    return (validate.errors ?? []).map(
      (e) => `${where}: body${e.instancePath} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
    );
  }

  private validatorFor(key: string, schema: Schema): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema) as Schema);
      this.validators.set(key, validate);
    }
    return validate;
  }
}

type Agent = ReturnType<typeof request>;

/**
 * A Supertest agent whose every request is checked against the contract before the test's own
 * expectations run: drift fails the request (and so the test) with what differs.
 */
export function contractCheckedAgent(agent: Agent, contract: OpenApiContract): Agent {
  return new Proxy(agent, {
    get(target, property, receiver) {
      const original = Reflect.get(target, property, receiver) as unknown;
      if (typeof property !== 'string' || !(METHODS as readonly string[]).includes(property) || typeof original !== 'function') return original;
      return (url: string, ...rest: unknown[]) => {
        const test = (original as (url: string, ...rest: unknown[]) => request.Test).call(target, url, ...rest);
        return test.expect((res: request.Response) => {
          const problems = contract.violations(property, url, { status: res.status, contentType: res.headers['content-type'], body: res.body, text: res.text });
          if (problems.length) throw new Error(`the answer drifts from the OpenAPI document:\n  ${problems.join('\n  ')}`);
        });
      };
    },
  });
}

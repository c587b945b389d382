import type { NextFunction, Request, Response } from 'express';
import { DomainError } from './domain-error';

/** No request body of this platform nests deeper than a few levels; 32 leaves ample room. */
export const MAX_JSON_DEPTH = 32;

const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The deepest nesting of brackets in a JSON text, outside strings: one pass over the raw bytes,
 * without recursion, so a body of 5,000 nested arrays is refused before anything parses it
 * recursively (class-transformer and class-validator would overflow the stack).
 */
export function jsonDepth(raw: Buffer, stopAbove = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > stopAbove) return deepest;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth--;
    }
  }
  return deepest;
}

/** body-parser `verify` hook for JSON: runs on the raw bytes before JSON.parse. */
export function refuseDeepJson(_request: Request, _response: Response, raw: Buffer): void {
  if (jsonDepth(raw, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw DomainError.invalid('request body', `nesting deeper than ${MAX_JSON_DEPTH} levels`);
  }
}

// eslint-disable-next-line no-control-regex -- finding NUL is the point: PostgreSQL text cannot hold it.
const NUL = /\u0000/;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored or used as text, or null when it is fine. */
export function textProblem(value: string): string | null {
  if (NUL.test(value)) return 'must not contain NUL characters (\\u0000)';
  if (UNPAIRED_SURROGATE.test(value)) return 'must not contain unpaired surrogates (not valid Unicode)';
  return null;
}

/**
 * The first string (value or key) in a parsed body or query that cannot be text, with its path
 * ("answers[0].choiceId"). Iterative, so it never recurses however the input is shaped.
 */
export function findTextProblem(root: unknown, rootPath = ''): { field: string; rule: string } | null {
  const stack: [unknown, string][] = [[root, rootPath]];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      const rule = textProblem(value);
      if (rule) return { field: path || 'request body', rule };
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push([item, `${path}[${i}]`]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        const field = path ? `${path}.${key}` : key;
        const keyRule = textProblem(key);
        if (keyRule) return { field: `${path || 'request body'} (a field name)`, rule: keyRule };
        stack.push([item, field]);
      }
    }
  }
  return null;
}

function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * One check for every string that comes in (body, query, path): PostgreSQL refuses NUL in text and
 * encodeURIComponent throws on an unpaired surrogate, so neither gets past the edge.
 */
export function refuseUnstorableText(request: Request, _response: Response, next: NextFunction): void {
  const problem = findTextProblem(request.body) ?? findTextProblem(request.query ?? {}) ?? findTextProblem(decodedPath(request.path), 'path');
  next(problem ? DomainError.invalid(problem.field, problem.rule) : undefined);
}

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// The OpenAPI document keys every schema by its class name, so two DTO classes of the same name in two
// modules silently become one schema, and one of the two operations documents the other's answer
// (found twice: ChargeLineResponse of facilities and subscriptions, DecisionResponse of tallies and
// decisions). Every class in src/ therefore carries a name of its own.
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('class names in src/', () => {
  it('are unique, so no two DTOs share one OpenAPI schema', () => {
    const root = join(__dirname, '..');
    const seen = new Map<string, string[]>();
    for (const file of sources(__dirname)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/^export (?:abstract )?class (\w+)/gm)) {
        seen.set(match[1], [...(seen.get(match[1]) ?? []), relative(root, file)]);
      }
    }
    const duplicates = [...seen].filter(([, files]) => files.length > 1).map(([name, files]) => `${name}: ${files.join(', ')}`);
    expect(duplicates).toEqual([]);
    expect(seen.size).toBeGreaterThan(100);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

describe('README configuration table', () => {
  it('documents every environment variable the config reads', () => {
    const source = readFileSync(join(root, 'libs', 'config', 'src', 'app-config.ts'), 'utf8');
    const names = [...source.matchAll(/r\.(?:str|opt|int|fraction|bool|list|url|oneOf)\('([A-Z0-9_]+)'/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(30);
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const missing = names.filter((n) => !readme.includes(`\`${n}\``));
    expect(missing).toEqual([]);
  });
});

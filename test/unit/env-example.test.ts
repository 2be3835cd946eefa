import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'dotenv';
import { loadConfig } from '../../src/config';

const ROOT = path.resolve(__dirname, '../..');

describe('.env.example', () => {
  const example = readFileSync(path.join(ROOT, '.env.example'), 'utf8');

  it('lists every multi-word setting src/config.ts reads', () => {
    const source = readFileSync(path.join(ROOT, 'src/config.ts'), 'utf8');
    const names = new Set([...source.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)].map((m) => m[1]));
    expect(names.size).toBeGreaterThan(15);
    const listed = new Set(Object.keys(parse(example)));
    expect([...names].filter((n) => !listed.has(n))).toEqual([]);
  });

  it('is a valid configuration as it stands (every platform off, defaults everywhere else)', () => {
    const config = loadConfig(parse(example));
    expect(config.port).toBe(3000);
    expect(config.wecom).toBeNull();
    expect(config.dingtalk).toBeNull();
  });
});

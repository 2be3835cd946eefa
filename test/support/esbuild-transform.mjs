/**
 * Jest's TypeScript transform: esbuild strips the types of one file at a time, as ts-jest did with
 * isolatedModules, in a fraction of ts-jest's time (CI starts from a fresh clone, with no transform
 * cache). Type-checking stays with `npm run lint`. The entities name every column's type, so TypeORM
 * needs no emitted decorator metadata (tsx runs the app the same way).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import esbuild from 'esbuild';

const own = readFileSync(fileURLToPath(import.meta.url), 'utf8');

export default {
  process(source, filename) {
    const { code, map } = esbuild.transformSync(source, {
      loader: 'ts',
      format: 'cjs',
      target: 'node20',
      // import() becomes require(), as tsc does for CommonJS: jest runs without --experimental-vm-modules.
      supported: { 'dynamic-import': false },
      sourcefile: filename,
      sourcemap: 'external',
      sourcesContent: false,
      // As tsconfig.json: legacy decorators (TypeORM's), and class fields defined as ES2022+ does.
      tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: true } },
    });
    return { code, map };
  },
  // Jest keys its cache on this alone, and with --coverage it stores the code it instrumented after this
  // transform under the same key: without `instrument` here, a coverage run and a plain one would read
  // each other's output (babel-jest's key has it too).
  getCacheKey(source, filename, { instrument }) {
    return createHash('sha1')
      .update(esbuild.version)
      .update(own)
      .update(instrument ? 'instrument' : '')
      .update(filename)
      .update(source)
      .digest('hex');
  },
};

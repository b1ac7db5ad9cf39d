// Every top-level zod schema in functions/ is defined as `/* @__PURE__ */ (() => …)()`. zod/mini's factories are
// free of side effects, but any `.check(...)` in a definition makes the bundler keep it, and every schema a bundle
// keeps is built at each cold start (~50 µs per zod node, hundreds per function). Marked pure, the schemas a
// function never uses are dropped from its bundle: the worker went from 429 zod nodes built at load to 110.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const FUNCTIONS = fileURLToPath(new URL('../../functions/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Top-level `const X = z…` definitions not wrapped in a pure call: `file:line`. */
function unmarkedDefinitions(text: string, file: string): string[] {
  return text
    .split('\n')
    .flatMap((line, i) =>
      /^(export )?const \w+(: [^=]+)? = z(\.|$)/.test(line) ? [`${file}:${i + 1}`] : [],
    );
}

describe('zod schema definitions in functions/', () => {
  it('are all marked pure, so unused ones leave the bundles', () => {
    const files = sources(FUNCTIONS);
    expect(files.length).toBeGreaterThan(20);
    const unmarked = files.flatMap((file) => unmarkedDefinitions(readFileSync(file, 'utf8'), file));
    expect(unmarked).toEqual([]);
  });

  it('would notice an unmarked definition', () => {
    expect(unmarkedDefinitions('export const X = z.string().check(z.minLength(1));\n', 'x.ts')).toEqual([
      'x.ts:1',
    ]);
    expect(unmarkedDefinitions('const Y = z\n  .object({})\n', 'y.ts')).toEqual(['y.ts:1']);
    expect(unmarkedDefinitions('export const X = /* @__PURE__ */ (() => z.string())();\n', 'x.ts')).toEqual(
      [],
    );
  });
});

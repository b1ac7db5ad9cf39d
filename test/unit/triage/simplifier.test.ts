// The converter functions use reads its dictionaries from the shipped file (config/compiled/opencc/); it must
// convert exactly as the opencc-js package's own dictionaries do, which is what the configuration was compiled with.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packagedSimplifier } from '#config/opencc-compile.ts';
import { OPENCC_DATA_FOLDER, simplifierIn } from '#config/simplified-chinese.ts';

const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));
const shipped = simplifierIn(`${REPOSITORY}${OPENCC_DATA_FOLDER}`);

const corpus = (): string[] => {
  const dir = `${REPOSITORY}test/fixtures/triage/`;
  return readdirSync(dir)
    .filter((file) => file.endsWith('.jsonl'))
    .flatMap((file) => readFileSync(dir + file, 'utf8').split('\n'))
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { description: string }).description);
};

describe('the shipped Traditional → Simplified converter', () => {
  it('converts Taiwan and Hong Kong writing as the package does', () => {
    for (const text of [
      '郭扶鎮國土所的劉曉峰辦證時索要好處費',
      '這個軟體的記憶體不夠',
      '佢哋喺度搵錢，冇人理',
    ]) {
      expect(shipped(text)).toBe(packagedSimplifier(text));
    }
    expect(shipped('郭扶鎮國土所的劉曉峰')).toBe('郭扶镇国土所的刘晓峰');
  });

  it('agrees with the package on every complaint of the corpus', () => {
    const texts = corpus();
    expect(texts.length).toBeGreaterThan(1000);
    const differing = texts.filter((text) => shipped(text) !== packagedSimplifier(text));
    expect(differing).toEqual([]);
  });

  it('refuses at once a folder without its dictionaries, so a function shipped without them fails to start', () => {
    expect(() => simplifierIn('/nonexistent-opencc-folder')).toThrow(/dictionaries\.json is missing/);
  });
});

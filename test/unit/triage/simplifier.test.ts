// The converter functions use reads its dictionaries from the shipped file (config/compiled/opencc/); it must
// convert exactly as the opencc-js package's own dictionaries do, which is what the configuration was compiled with.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '#catalog';
import { packagedSimplifier } from '#config/opencc-compile.ts';
import { OPENCC_DATA_FOLDER, simplifierIn } from '#config/simplified-chinese.ts';
import { loadCorpusSets } from '../../../bench/triage-evaluate.ts';

const shipped = simplifierIn(join(PROJECT_ROOT, OPENCC_DATA_FOLDER));

/** Every complaint text of the labelled corpus: the writers' files, the original corpus and the held-out sets. */
const corpus = (): string[] => {
  const { train, dev, heldOut } = loadCorpusSets();
  return [...train, ...dev, ...heldOut].map((entry) => entry.description);
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

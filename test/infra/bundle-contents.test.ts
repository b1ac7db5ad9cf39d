// What a Lambda's bundle must never contain again: each of these once cost every cold start (see "Benchmarks" and
// "Tracing" in the README). Built with the stack's own esbuild settings; sizes and times are the benchmark's job.
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { functions, PROJECT_ROOT } from '#catalog';
import { triageConfig } from '#config/triage-config.ts';
import { BUNDLE, ESBUILD_OPTIONS } from '#lib/defaults.ts';

/** Module paths (inside node_modules) that no function may bundle, and why. */
const FORBIDDEN: ReadonlyArray<{ readonly path: RegExp; readonly why: string }> = [
  {
    path: /node_modules\/aws-xray-sdk-core\//,
    why: 'the X-Ray SDK (maintenance mode; ~10 ms per cold start)',
  },
  { path: /node_modules\/@aws-lambda-powertools\/tracer\//, why: 'Powertools Tracer (wraps the X-Ray SDK)' },
  { path: /node_modules\/@aws-lambda-powertools\/parser\//, why: "Powertools' parser (imports all of zod)" },
  { path: /node_modules\/zod\/v4\/locales\/(?!en\.)/, why: "zod's locales beyond English" },
  {
    path: /node_modules\/zod\/v4\/classic\//,
    why: 'zod classic (zod/mini holds the same schemas at a third of the cost)',
  },
  {
    path: /node_modules\/opencc-js\/dist\/esm-lib\/dict\//,
    why: "the converter's dictionaries (shipped beside the bundle as data; ~10 ms to scan inside it)",
  },
  {
    path: /node_modules\/libphonenumber-js\/metadata\.[a-z]+\.json/,
    why: "libphonenumber-js's metadata of every region (config/compiled/phone-metadata.json holds the regions served)",
  },
  // Shipped configuration is validated when compiled (npm run compile:config), never again at a cold start.
  {
    path: /^functions\/domain\/deadlines\/calendar-file\.ts$/,
    why: "the calendar files' schema (~5 ms to build and run at every cold start)",
  },
  { path: /^functions\/domain\/deadlines\/config\.ts$/, why: "the deadline rules' schema" },
  {
    path: /^functions\/domain\/triage\/directory\.ts$/,
    why: "the directory's schema (~13 ms with its parse)",
  },
  { path: /^config\/[\w-]+-compile\.ts$/, why: 'a compile step of the configuration' },
];

interface Built {
  readonly inputs: string[];
  readonly text: string;
}

async function bundleOf(entry: string): Promise<Built> {
  const result = await build({
    ...ESBUILD_OPTIONS,
    entryPoints: [`${PROJECT_ROOT}/${entry}`],
    write: false,
    metafile: true,
    outfile: 'bundle.mjs',
    absWorkingDir: PROJECT_ROOT,
    logLevel: 'silent',
  });
  const meta: Metafile = result.metafile;
  const inputs = Object.values(meta.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path),
  );
  const code = result.outputFiles.filter((file) => file.path.endsWith('.mjs'));
  return { inputs, text: code.map((file) => file.text).join('\n') };
}

describe('Lambda bundles', () => {
  const bundles = new Map<string, Built>();
  beforeAll(async () => {
    for (const spec of functions) bundles.set(spec.name, await bundleOf(spec.entry));
  }, 120_000);

  it.each(functions.map((spec) => spec.name))(
    '%s bundles none of the modules that slowed cold starts',
    (name) => {
      const bundled = bundles.get(name)?.inputs ?? [];
      expect(bundled.length, 'the bundle was built').toBeGreaterThan(0);
      for (const { path, why } of FORBIDDEN) {
        expect(
          bundled.filter((input) => path.test(input)),
          why,
        ).toEqual([]);
      }
    },
  );

  it.each(functions.map((spec) => spec.name))('%s does not carry the catalog of every function', (name) => {
    // Functions import the catalog for table and key names; the list of functions is for lib/ and local/.
    const text = bundles.get(name)?.text ?? '';
    const carried = functions.filter((spec) => text.includes(JSON.stringify(spec.description)));
    expect(carried.map((spec) => spec.name)).toEqual([]);
  });

  it('no bundle carries the compiled triage data: it is shipped beside the code, to the functions that read it', () => {
    // The model's version string is in the triage data once; the routing table holds the directory's units.
    const model = triageConfig.model?.version ?? '';
    const [unitId] = [...triageConfig.routing.units.keys()];
    expect(model).not.toBe('');
    const carrying = (needle: string) =>
      functions.filter((spec) => bundles.get(spec.name)?.text.includes(needle)).map((spec) => spec.name);
    expect(carrying(model)).toEqual([]);
    expect(carrying(`"units":[["${unitId}",`)).toEqual([]);
  });

  it('would notice: the check finds a forbidden module when one is bundled', async () => {
    // A module that imports a zod locale must be caught by the same pattern.
    const result = await build({
      stdin: {
        contents: "export { default } from 'zod/v4/locales/de.js';",
        resolveDir: PROJECT_ROOT,
        loader: 'js',
      },
      bundle: true,
      write: false,
      metafile: true,
      outfile: 'probe.mjs',
      format: BUNDLE.format,
      platform: BUNDLE.platform,
      logLevel: 'silent',
    });
    const probe = Object.keys(result.metafile.inputs);
    const locales = FORBIDDEN.find(({ why }) => why.includes('locales'));
    expect(probe.some((input) => locales?.path.test(input))).toBe(true);
  });
});

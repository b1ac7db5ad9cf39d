// The AWS libraries are installed once each: two copies of Powertools' commons or of an SDK core package mean two
// sets of module state (logger, metrics, middleware stacks) in one bundle, and twice the bytes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface LockedPackage {
  readonly version?: string;
}
const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
  readonly packages: Record<string, LockedPackage>;
};
const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  readonly dependencies: Record<string, string>;
};

/** Every installed version of each package whose name starts with one of the scopes, from the lockfile. */
function installedVersions(scopes: readonly string[]): Map<string, Set<string>> {
  const versions = new Map<string, Set<string>>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (!path.includes('node_modules/') || !scopes.some((scope) => name.startsWith(scope))) continue;
    if (entry.version === undefined) continue;
    versions.set(name, (versions.get(name) ?? new Set()).add(entry.version));
  }
  return versions;
}

describe('the AWS libraries', () => {
  it('are each installed at one version (no second copy of Powertools commons, the SDK core or smithy)', () => {
    const versions = installedVersions(['@aws-lambda-powertools/', '@aws-sdk/', '@smithy/', '@aws-crypto/']);
    expect(versions.get('@aws-lambda-powertools/commons')?.size).toBe(1);
    const duplicated = [...versions]
      .filter(([, found]) => found.size > 1)
      .map(([name, found]) => `${name}: ${[...found]}`);
    expect(duplicated).toEqual([]);
  });

  it('take every Powertools package at the same version', () => {
    const declared = Object.entries(manifest.dependencies).filter(([name]) =>
      name.startsWith('@aws-lambda-powertools/'),
    );
    expect(declared.length).toBeGreaterThan(1);
    expect(new Set(declared.map(([, version]) => version)).size).toBe(1);
    const installed = installedVersions(['@aws-lambda-powertools/']);
    expect(new Set([...installed.values()].flatMap((found) => [...found])).size).toBe(1);
  });
});

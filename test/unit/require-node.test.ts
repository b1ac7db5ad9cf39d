// `npm install` on an older Node stops at once, and `npm start` and `npm test` with one line that says what is needed.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '#catalog';
import { tooOld } from '../../bin/require-node.mjs';

const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
};

describe('the Node.js version check', () => {
  it('names the version needed and how to get it, in one line, for Node older than 22.18', () => {
    for (const version of ['20.20.2', 'v18.19.0', '22.17.1']) {
      const line = tooOld(version);
      expect(line).toContain('22.18');
      expect(line).toContain('npm install --prefix /opt/node24 node@24');
      expect(line).not.toContain('\n');
    }
  });

  it('lets 22.18 and newer through', () => {
    for (const version of ['22.18.0', '23.0.0', '24.21.0']) expect(tooOld(version)).toBeUndefined();
  });
});

describe('npm install on a Node.js the project does not run on', () => {
  it('asks for the version the start check asks for', () => {
    expect(manifest.engines.node).toBe('>=22.18');
    expect(tooOld('22.17.99')).toBeDefined();
    expect(tooOld('22.18.0')).toBeUndefined();
  });

  it('stops at once with EBADENGINE and installs nothing (engine-strict in .npmrc)', async () => {
    // This Node stands in for an old one: engines that no Node meets yet.
    const project = mkdtempSync(join(tmpdir(), 'hotline-engines-'));
    try {
      // As a fresh clone has them: the project's .npmrc and lockfile.
      for (const file of ['.npmrc', 'package-lock.json'])
        copyFileSync(join(PROJECT_ROOT, file), join(project, file));
      writeFileSync(
        join(project, 'package.json'),
        JSON.stringify({ ...manifest, engines: { node: '>=99' }, scripts: {} }),
      );
      const started = Date.now();
      const failure = await promisify(execFile)('npm', ['install', '--no-audit', '--no-fund'], {
        cwd: project,
        env: { PATH: `${dirname(process.execPath)}:${process.env.PATH}`, HOME: project },
        // Without engine-strict npm would go on installing: stopped here, it fails the test below.
        timeout: 20_000,
      }).then(
        () => undefined,
        (error: { stderr?: string }) => error,
      );
      expect(failure?.stderr).toContain('EBADENGINE');
      expect(failure?.stderr).toContain('Required: {"node":">=99"}');
      expect(existsSync(join(project, 'node_modules'))).toBe(false);
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 60_000);
});

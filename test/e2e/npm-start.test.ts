// `npm start` as a person runs it: prints its addresses, serves the form, stops cleanly on Ctrl-C (SIGINT).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '#catalog';

describe('npm start', () => {
  it('starts, keeps its data in HOTLINE_DATA_DIR, and stops cleanly on SIGINT', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hotline-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: '0',
      HOTLINE_SES_PORT: '0',
      HOTLINE_DATA_DIR: dataDir,
    };
    for (const service of ['DYNAMODB', 'SQS', 'SES']) delete env[`AWS_ENDPOINT_URL_${service}`];
    const child = spawn(process.execPath, ['bin/local.ts'], {
      cwd: PROJECT_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    try {
      const formUrl = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no address printed:\n${output}`)), 90_000);
        child.stdout.on('data', () => {
          const match = /Complaint form\s+(http:\/\/localhost:\d+\/)/.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      expect(output).toContain('Mail viewer (SES)');
      const page = await fetch(formUrl.replace('localhost', '127.0.0.1'));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('阳光热线');

      const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      expect(await exit).toBe(0);
      expect(output).toContain('stopped cleanly');
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
    // Thirty functions warmed and four emulators started, on a shared 2-core machine.
  }, 120_000);
});

// `npm run triage` as an administrator uses it: JSON Lines in, one result line per input, in order.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '#catalog';

function triageCli(input: string, ...args: string[]) {
  const run = spawnSync(process.execPath, ['bin/triage.ts', ...args], {
    cwd: PROJECT_ROOT,
    input,
    encoding: 'utf8',
  });
  return { status: run.status, lines: run.stdout.trim().split('\n'), stdout: run.stdout, stderr: run.stderr };
}

const complaints = [
  { description: '三角镇便民服务中心的工作人员说不给好处费就不办', subjectUnit: '三角镇便民服务中心' },
  { description: 'The clerk at the Gunan Statistics Station shouted at me and threw my papers back.' },
  { description: '建议行政服务中心多开几个窗口，排队太久了。' },
];

describe('npm run triage', () => {
  it('writes one result per input line, in order', () => {
    const run = triageCli(complaints.map((c) => JSON.stringify(c)).join('\n'));
    expect(run.status).toBe(0);
    const results = run.lines.map((line) => JSON.parse(line));
    expect(results.map((r) => [r.category, r.unitId, r.bodyId])).toEqual([
      ['solicitation', 'sanjiao-service-center', 'sanjiao-cdi'],
      ['attitude', 'gunan-stats-station', 'gunan-cdi'],
      ['other', 'district-admin-center', 'district-cdi'],
    ]);
    for (const result of results) {
      // Present only when there is something to say (a flag, money, a date, a delay).
      const optional = ['needsReview', 'demand', 'incidentDate', 'delayDays'];
      const keys = Object.keys(result).filter((key) => !optional.includes(key));
      expect(keys.sort()).toEqual(['bodyId', 'category', 'confidence', 'reasons', 'severity', 'unitId']);
      expect(result.confidence).toBeGreaterThanOrEqual(0);
      expect(result.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('reads dates against the receipt time a line gives, and records the amount demanded', () => {
    const line = JSON.stringify({
      description: '前天去郭扶国土所办宅基地，经办人索要两千元好处费，补偿款一共十二万',
      receivedAt: '2026-03-20T10:00:00+08:00',
    });
    const run = triageCli(line);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.lines[0] ?? '')).toMatchObject({
      severity: 'critical',
      demand: { amount: 2000, source: 'text', goods: [] },
      incidentDate: { from: '2026-03-18', to: '2026-03-18', source: 'text' },
    });
  });

  it('explains for people with --explain', () => {
    const run = triageCli(JSON.stringify(complaints[0]), '--explain');
    expect(run.stdout).toContain('solicitation');
    expect(run.stdout).toContain('好处费');
    expect(run.stdout).toContain('sanjiao-cdi');
  });

  it('reports a bad line in place, goes on, and exits non-zero', () => {
    const run = triageCli(['not json', JSON.stringify(complaints[1])].join('\n'));
    expect(run.status).toBe(1);
    expect(JSON.parse(run.lines[0] ?? '')).toMatchObject({ line: 1, error: { code: 'invalid-json' } });
    expect(JSON.parse(run.lines[1] ?? '')).toMatchObject({ category: 'attitude' });
  });

  it('tries a changed lexicon before it is deployed (alone, without the model)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lexicon-'));
    try {
      const lexicon = JSON.parse(readFileSync(join(PROJECT_ROOT, 'config/lexicon.json'), 'utf8'));
      lexicon.categories.solicitation.en.push('grease the wheels');
      writeFileSync(join(dir, 'lexicon.json'), JSON.stringify(lexicon));
      const line = JSON.stringify({ description: 'The clerk said 800 yuan would grease the wheels.' });

      expect(JSON.parse(triageCli(line, '--no-model').lines[0] ?? '').category).toBe('other');
      expect(
        JSON.parse(triageCli(line, '--no-model', '--lexicon', join(dir, 'lexicon.json')).lines[0] ?? '')
          .category,
      ).toBe('solicitation');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

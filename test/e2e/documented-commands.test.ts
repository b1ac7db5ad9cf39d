// Every command README.md and docs/integrators.md show a reader, run as written against a fresh instance, so that
// the documentation stays true. A ```sh block runs in bash, a ```js block as a module in Node, in a scratch folder
// that sees the repository (symlinks), against a local runtime on free ports: `localhost:3000` in a command means
// that runtime. A whole-line comment in a block that does not begin with a letter is the output expected there
// (`# {"reference":"HLW-…"}`, `// 202 …`), `…` matching anything; each must match a whole line of what the block
// printed, in order. A reader keeps one terminal per document: the shell variables a block sets (`URL=…`) are there
// for the blocks after it. Between blocks the test waits until every accepted complaint has left the intake queue,
// as a reader would be a moment later. Blocks that cannot run here are listed below with the reason, and nowhere
// else.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '#catalog';
import type { LocalRuntime } from '#local/runtime.ts';
import { startTestRuntime } from '../support/local-runtime.ts';

const run = promisify(execFile);
const DOCUMENTS = ['README.md', 'docs/integrators.md'] as const;

/** Blocks not run, each found by a line of its own, and why. */
const NOT_RUN: readonly { readonly file: string; readonly line: string; readonly why: string }[] = [
  {
    file: 'README.md',
    line: 'npm install && npm start',
    why: 'starts a runtime on port 3000; this test starts its own',
  },
  {
    file: 'README.md',
    line: 'HOTLINE_CLOCK_SPEED=1440 HOTLINE_SWEEP_INTERVAL_SECONDS=5 npm start',
    why: 'starts a runtime on port 3000; this test starts its own',
  },
  {
    file: 'README.md',
    line: "watch -n 5 'curl -s localhost:3000/local/outbox'",
    why: 'needs a runtime at 1440× and runs until stopped; test/e2e/deadlines.test.ts follows a case through its deadlines',
  },
  { file: 'README.md', line: 'npx cdk bootstrap', why: 'deploys to an AWS account' },
  {
    file: 'README.md',
    line: 'POOL=$(aws cloudformation describe-stacks',
    why: 'creates users in an AWS account',
  },
  { file: 'README.md', line: 'npm test ', why: 'is the test suite this test belongs to' },
  { file: 'README.md', line: 'npm run bench ', why: 'benchmarks: minutes of full load' },
  { file: 'README.md', line: 'npm run train:triage', why: 'rewrites files in config/ or runs for minutes' },
  {
    file: 'docs/integrators.md',
    line: 'npx cdk deploy -c connectInstanceArn',
    why: 'deploys to an AWS account',
  },
];

interface Block {
  readonly file: string;
  /** Where the block's first line of code is. */
  readonly line: number;
  readonly language: 'sh' | 'js';
  readonly code: string;
}

function blocksOf(file: string): Block[] {
  const lines = readFileSync(join(PROJECT_ROOT, file), 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\w*)\s*$/.exec(lines[i] ?? '');
    if (fence === null) continue;
    const end = lines.findIndex((text, j) => j > i && text.startsWith('```'));
    const language = fence[1];
    if (language === 'sh' || language === 'js') {
      blocks.push({ file, line: i + 2, language, code: lines.slice(i + 1, end).join('\n') });
    }
    i = end;
  }
  return blocks;
}

const blocks = DOCUMENTS.flatMap(blocksOf);
const skipOf = (block: Block) =>
  NOT_RUN.find(
    ({ file, line }) => file === block.file && block.code.split('\n').some((l) => l.startsWith(line)),
  );
const runnable = blocks.filter((block) => skipOf(block) === undefined);

/** The output a block shows: its whole-line comments that do not begin with a letter. */
function expectedOutput(block: Block): string[] {
  const marker = block.language === 'sh' ? '#' : '//';
  return block.code
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith(`${marker} `))
    .map((line) => line.slice(marker.length + 1))
    .filter((text) => !/^\p{L}/u.test(text));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pattern = (expected: string) =>
  new RegExp(`^${expected.split('…').map(escapeRegExp).join('.*')}$`, 'u');

let runtime: LocalRuntime;
let sqs: SQSClient;
let sandbox: string;
let here: { url: string; host: string };

beforeAll(async () => {
  runtime = await startTestRuntime();
  const url = new URL(runtime.publicUrl);
  here = { url: url.origin, host: url.host };
  sqs = new SQSClient({
    endpoint: runtime.endpoints.sqs,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  // A folder of its own that sees the repository: files a command writes (my-lexicon.json) stay out of it.
  sandbox = mkdtempSync(join(tmpdir(), 'hotline-docs-'));
  for (const entry of readdirSync(PROJECT_ROOT)) {
    if (entry !== '.git') symlinkSync(join(PROJECT_ROOT, entry), join(sandbox, entry));
  }
});
afterAll(async () => {
  sqs?.destroy();
  await runtime?.stop();
  if (sandbox) rmSync(sandbox, { recursive: true, force: true });
});

/** Every accepted complaint has become a case (or failed for good): nothing waits on the intake queue. */
async function settled(): Promise<void> {
  await expect
    .poll(
      async () => {
        const { Attributes = {} } = await sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: runtime.queues.intake.url,
            AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
          }),
        );
        return (
          Number(Attributes.ApproximateNumberOfMessages) +
          Number(Attributes.ApproximateNumberOfMessagesNotVisible)
        );
      },
      { timeout: 20_000, interval: 100 },
    )
    .toBe(0);
}

const onThisRuntime = (text: string) =>
  text.replaceAll('http://localhost:3000', here.url).replaceAll('localhost:3000', here.host);

async function runBlock(block: Block, index: number): Promise<string> {
  const code = onThisRuntime(block.code);
  // This Node first, whatever the machine's default is.
  const env = { PATH: `${dirname(process.execPath)}:${process.env.PATH}`, HOME: process.env.HOME ?? sandbox };
  const options = { cwd: sandbox, env, timeout: 60_000, maxBuffer: 4 * 1024 * 1024 };
  try {
    if (block.language === 'sh') {
      // The variables this document's blocks set so far, then this block, then what it set, for the next ones.
      const variables = join(sandbox, `${block.file.replaceAll('/', '-')}.variables`);
      const assigned = [...new Set([...code.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]))];
      const script = [
        `[ -f ${variables} ] && source ${variables}`,
        code,
        ...(assigned.length > 0
          ? [`declare -p ${assigned.join(' ')} >> ${variables} 2>/dev/null || true`]
          : []),
      ].join('\n');
      return (await run('bash', ['-e', '-o', 'pipefail', '-c', script], options)).stdout;
    }
    const file = join(sandbox, `block-${index}.mjs`);
    writeFileSync(file, code);
    return (await run(process.execPath, [file], options)).stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${block.file}:${block.line} failed: ${(error as Error).message}\n${stdout}\n${stderr}`);
  }
}

describe('the documented commands', () => {
  it('are found, and every block not run is named here with its reason', () => {
    expect(runnable.length).toBeGreaterThanOrEqual(8);
    for (const skip of NOT_RUN) {
      const found = blocks.filter((block) => skipOf(block) === skip);
      expect(found.length, `${skip.file}: a block with "${skip.line}"`).toBe(1);
    }
  });

  it.each(runnable.map((block, index) => [`${block.file}:${block.line}`, block, index] as const))(
    '%s runs as written and prints what it shows',
    async (_, block, index) => {
      await settled();
      const expected = expectedOutput(block).map(onThisRuntime);
      expect(expected.length, 'the block shows what it prints').toBeGreaterThan(0);
      const printed = (await runBlock(block, index)).split('\n').map((line) => line.trim());
      let from = 0;
      for (const line of expected) {
        const at = printed.findIndex((text, i) => i >= from && pattern(line).test(text));
        expect(at, `"${line}" in:\n${printed.join('\n')}`).toBeGreaterThanOrEqual(0);
        from = at + 1;
      }
    },
    90_000,
  );
});

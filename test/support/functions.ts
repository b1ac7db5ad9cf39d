// Runs one of the catalog's functions for a test as the local runtime does: in its own execution environments
// (worker threads) with exactly the environment its catalog entry grants, pointed at this file's table and queues.
import { functionNamed, type SecretName } from '#catalog';
import type { SignInSetting } from '#functions/wiring.ts';
import { baseEnvironment, functionEnvironment } from '#local/environment.ts';
import { FunctionPool, workerEnvironments } from '#local/lambda.ts';
import { CREDENTIALS, type EmulatedAws, PUBLIC_URL, REGION } from './emulated-aws.ts';

export interface TestFunction {
  readonly pool: FunctionPool;
  /** Every log line the function wrote, as JSON text. */
  readonly logs: string[];
  /** The variables its environments were given. */
  readonly environment: Readonly<Record<string, string>>;
  // biome-ignore lint/suspicious/noExplicitAny: each test knows the answer shape of the function it calls.
  invoke(event: unknown): Promise<any>;
  stop(): Promise<void>;
}

export interface TestFunctionOptions {
  /** @default 'ERROR' */
  readonly logLevel?: string;
  /** Execution environments. @default 1 */
  readonly environments?: number;
  /** Endpoints to use instead of the shared emulators' (a fault-injecting proxy, say). */
  readonly endpoints?: Readonly<Record<string, string>>;
  /** Extra settings of the SDK, such as AWS_MAX_ATTEMPTS. */
  readonly settings?: Readonly<Record<string, string>>;
  /** Channel secrets other than TEST_CHANNEL_SECRETS (two at once, to test a rotation). */
  readonly secrets?: Partial<Readonly<Record<Exclude<SecretName, 'master'>, string>>>;
  /** How the console signs in. @default { signIn: 'local' } */
  readonly signIn?: SignInSetting;
}

/** The channel secrets functions get in tests; signers in the tests use the same values. */
export const TEST_CHANNEL_SECRETS = {
  'webhook-signing': 'whsec_dGVzdC13ZWJob29rLXNpZ25pbmctc2VjcmV0LTMyYnl0ZXM=',
  'twilio-auth-token': 'test-twilio-auth-token-0123456789ab',
  'open311-api-keys': 'test-open311-key',
} as const;

export async function startFunction(
  name: string,
  aws: EmulatedAws,
  options: TestFunctionOptions = {},
): Promise<TestFunction> {
  const spec = functionNamed(name);
  const base = {
    ...baseEnvironment({
      region: REGION,
      credentials: CREDENTIALS,
      endpoints: { ...aws.endpoints, ...options.endpoints },
      logLevel: options.logLevel ?? 'ERROR',
      metricsDisabled: true,
    }),
    ...options.settings,
  };
  const environment = functionEnvironment(
    spec,
    {
      tableName: aws.tableName,
      queues: aws.queues,
      secrets: { master: aws.masterKey, ...TEST_CHANNEL_SECRETS, ...options.secrets },
      publicUrl: PUBLIC_URL,
      emailSender: 'hotline@example.org',
      smsOriginator: 'SUNSHINE',
      signIn: options.signIn ?? { signIn: 'local' },
      evidenceBucket: aws.evidenceBucket,
    },
    base,
  );
  const logs: string[] = [];
  const pool = new FunctionPool(
    spec,
    workerEnvironments(spec, { environment, region: REGION, logSink: (line) => logs.push(line) }),
    options.environments ?? 1,
  );
  await pool.warm();
  return { pool, logs, environment, invoke: (event) => pool.invoke(event), stop: () => pool.stop() };
}

// What each access kind of the catalog means, once, for the cloud and this machine alike: the environment
// variables a function is given (as references to resources, which each side resolves to its own values) and the
// permissions it is granted. lib/ and local/ implement the `…Wiring` types below; a kind added to the catalog does
// not compile until both handle it.
import type {
  Access,
  EvidenceArea,
  FunctionSpec,
  QueueName,
  RouteAuth,
  SecretName,
  TableOperation,
  Trigger,
} from './catalog.ts';

/** A name as part of a variable name: `web/console` → `WEB_CONSOLE`. */
const variablePart = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');

/** Environment variables a function reads, and nothing else does. */
export const environmentNames = {
  tableName: 'HOTLINE_TABLE_NAME',
  queueUrl: (queue: QueueName): string => `HOTLINE_${variablePart(queue)}_QUEUE_URL`,
  /** An ARN of Secrets Manager in AWS; on this machine the secret's value itself. */
  secret: (secret: SecretName): string => `HOTLINE_SECRET_${variablePart(secret)}`,
  emailSender: 'HOTLINE_EMAIL_FROM',
  smsOriginator: 'HOTLINE_SMS_ORIGINATOR',
  publicUrl: 'HOTLINE_PUBLIC_URL',
  assetRoot: (folder: string): string => `HOTLINE_${variablePart(folder)}_ROOT`,
  signIn: 'HOTLINE_SIGN_IN',
  evidenceBucket: 'HOTLINE_EVIDENCE_BUCKET',
  malwareScan: 'HOTLINE_MALWARE_SCAN',
} as const;

/**
 * How the investigators' console signs people in, as JSON in the `signIn` variable: on this machine by picking a
 * person of the directory (`/local/token`), in AWS through the user pool's hosted sign-in (OAuth 2.0 authorization
 * code with PKCE, as the public client `clientId`, returning to `redirectUri`).
 */
export type SignInSetting =
  | { readonly signIn: 'local' }
  | {
      readonly signIn: 'cognito';
      readonly domain: string;
      readonly clientId: string;
      readonly redirectUri: string;
    };

/** A resource a variable names; the stack resolves it to a token, the local runtime to a local value. */
export type ResourceRef =
  | { readonly kind: 'tableName' }
  | { readonly kind: 'queueUrl'; readonly queue: QueueName }
  | { readonly kind: 'secret'; readonly secret: SecretName }
  | { readonly kind: 'emailSender' }
  | { readonly kind: 'smsOriginator' }
  | { readonly kind: 'publicUrl' }
  | { readonly kind: 'assetRoot'; readonly folder: string }
  | { readonly kind: 'signIn' }
  | { readonly kind: 'evidenceBucket' }
  /** 'guardduty' where GuardDuty scans uploads before the checker sees them, else 'off'. */
  | { readonly kind: 'malwareScan' };

/** A permission, by resource; IAM actions are named where the resource has no grant method of its own. */
export type Grant =
  | { readonly kind: 'table'; readonly actions: readonly string[] }
  | { readonly kind: 'sendToQueue'; readonly queue: QueueName }
  | { readonly kind: 'readSecret'; readonly secret: SecretName }
  | { readonly kind: 'sendEmail' }
  | { readonly kind: 'sendSms' }
  /** S3 actions on the objects of one area of the evidence bucket. */
  | { readonly kind: 'evidence'; readonly area: EvidenceArea; readonly actions: readonly string[] };

export interface AccessMeaning {
  readonly environment: Readonly<Record<string, ResourceRef>>;
  readonly grants: readonly Grant[];
  /** Files shipped beside the bundle. */
  readonly assets: readonly string[];
}

/** Reads and writes are granted operation by operation, exactly as declared. */
const tableActions = (operations: readonly TableOperation[]) => [
  ...new Set(operations.map((operation) => `dynamodb:${operation}`)),
];

/** The meaning of one access declaration. Exhaustive: a new kind is a compile error here until it is described. */
export function meaningOf(access: Access): AccessMeaning {
  const none = { environment: {}, grants: [], assets: [] };
  switch (access.kind) {
    case 'table':
      return {
        ...none,
        environment: { [environmentNames.tableName]: { kind: 'tableName' } },
        grants: [{ kind: 'table', actions: tableActions(access.operations) }],
      };
    case 'queue':
      return {
        ...none,
        environment: { [environmentNames.queueUrl(access.queue)]: { kind: 'queueUrl', queue: access.queue } },
        grants: [{ kind: 'sendToQueue', queue: access.queue }],
      };
    case 'secret':
      return {
        ...none,
        environment: { [environmentNames.secret(access.secret)]: { kind: 'secret', secret: access.secret } },
        grants: [{ kind: 'readSecret', secret: access.secret }],
      };
    case 'email':
      return {
        ...none,
        environment: { [environmentNames.emailSender]: { kind: 'emailSender' } },
        grants: [{ kind: 'sendEmail' }],
      };
    case 'sms':
      return {
        ...none,
        environment: { [environmentNames.smsOriginator]: { kind: 'smsOriginator' } },
        grants: [{ kind: 'sendSms' }],
      };
    case 'publicUrl':
      return { ...none, environment: { [environmentNames.publicUrl]: { kind: 'publicUrl' } } };
    case 'assets':
      return {
        ...none,
        environment: {
          [environmentNames.assetRoot(access.folder)]: { kind: 'assetRoot', folder: access.folder },
        },
        assets: [access.folder],
      };
    case 'signIn':
      return { ...none, environment: { [environmentNames.signIn]: { kind: 'signIn' } } };
    case 'evidence':
      return {
        ...none,
        environment: {
          [environmentNames.evidenceBucket]: { kind: 'evidenceBucket' },
          [environmentNames.malwareScan]: { kind: 'malwareScan' },
        },
        // No operations: the bucket's name only (the pages name its origin in their CSP), no permission.
        grants:
          access.operations.length === 0
            ? []
            : [
                {
                  kind: 'evidence',
                  area: access.area,
                  actions: [...new Set(access.operations.map((operation) => `s3:${operation}`))],
                },
              ],
      };
    default:
      return unhandled(access);
  }
}

/** Everything a function's access declarations mean, together. */
export function wiringOf(spec: FunctionSpec): AccessMeaning {
  const meanings = spec.access.map(meaningOf);
  return {
    environment: Object.assign({}, ...meanings.map((m) => m.environment)),
    grants: meanings.flatMap((m) => m.grants),
    assets: meanings.flatMap((m) => m.assets),
  };
}

function unhandled(value: never): never {
  throw new Error(`unhandled kind: ${JSON.stringify(value)}`);
}

/** How one side gives a function the value of each resource reference. */
export type ResourceResolver<T> = {
  readonly [K in ResourceRef['kind']]: (ref: Extract<ResourceRef, { kind: K }>) => T;
};

/** How one side applies each kind of grant (the cloud); the local runtime has no IAM to apply. */
export type GrantApplier = {
  readonly [K in Grant['kind']]: (grant: Extract<Grant, { kind: K }>) => void;
};

/** How one side connects each kind of trigger to a function. */
export type TriggerWiring<Fn> = {
  readonly [K in Trigger['kind']]: (
    trigger: Extract<Trigger, { kind: K }>,
    spec: FunctionSpec,
    fn: Fn,
  ) => void;
};

/** How one side guards each kind of route authorisation. */
export type AuthWiring<T> = { readonly [K in RouteAuth]: T };

export function resolveEnvironment<T>(
  environment: Readonly<Record<string, ResourceRef>>,
  resolver: ResourceResolver<T>,
): Record<string, T> {
  const resolved: Record<string, T> = {};
  for (const [name, ref] of Object.entries(environment)) {
    const resolve = resolver[ref.kind] as (ref: ResourceRef) => T;
    resolved[name] = resolve(ref);
  }
  return resolved;
}

export function applyGrants(grants: readonly Grant[], applier: GrantApplier): void {
  for (const grant of grants) (applier[grant.kind] as (grant: Grant) => void)(grant);
}

export function connectTriggers<Fn>(spec: FunctionSpec, fn: Fn, wiring: TriggerWiring<Fn>): void {
  for (const trigger of spec.triggers) {
    (wiring[trigger.kind] as (trigger: Trigger, spec: FunctionSpec, fn: Fn) => void)(trigger, spec, fn);
  }
}

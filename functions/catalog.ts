// The one declaration of every Lambda, queue, secret and table index. lib/ (CDK) and local/ (npm start) both read
// it, and both apply the meaning of each trigger and access kind from wiring.ts, so a route, queue or schedule is
// declared once and the cloud stack and the local runtime cannot drift.
import { resolve } from 'node:path';

/** The repository root: catalog entries and assets are paths relative to it. */
export const PROJECT_ROOT = resolve(import.meta.dirname, '..');

/** Powertools' service name and metrics namespace: the functions emit under these and the alarms read them. */
export const observability = { serviceName: 'sunshine-hotline', namespace: 'SunshineHotline' } as const;

export type QueueName = 'intake' | 'notify';

export interface QueueSpec {
  /** Seconds a received message stays invisible; at least six times its consumer's timeout (AWS guidance). */
  readonly visibilityTimeoutSeconds: number;
  /** Receives before a message is moved to the queue's dead-letter queue. */
  readonly maxReceiveCount: number;
  readonly retentionDays: number;
  /** How long a message that failed for good waits in the dead-letter queue for a person (the SQS maximum). */
  readonly deadLetterRetentionDays: number;
  /** Alarm when the oldest message has waited this long: its consumer is failing or starved. */
  readonly oldestMessageAlarmSeconds: number;
}

export const queues: Record<QueueName, QueueSpec> = {
  intake: {
    visibilityTimeoutSeconds: 180,
    maxReceiveCount: 5,
    retentionDays: 14,
    deadLetterRetentionDays: 14,
    oldestMessageAlarmSeconds: 300,
  },
  // Reminders and escalations: a send that keeps failing ends in the DLQ and its alarm, never silently.
  notify: {
    visibilityTimeoutSeconds: 180,
    maxReceiveCount: 5,
    retentionDays: 14,
    deadLetterRetentionDays: 14,
    oldestMessageAlarmSeconds: 600,
  },
};

export type SecretName = 'master';

export interface SecretSpec {
  readonly description: string;
}

/** Secrets are generated in Secrets Manager in AWS and given as environment variables on this machine. */
export const secrets: Record<SecretName, SecretSpec> = {
  master: {
    description: 'Sunshine Hotline master secret (references, receipt codes, sealed reporter contacts)',
  },
};

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who may call a route: anyone, or a signed-in investigator (a Cognito JWT, verified before the function runs). */
export type RouteAuth = 'public' | 'jwt';

export interface RouteTrigger {
  readonly kind: 'route';
  readonly method: HttpMethod;
  /** API Gateway path syntax: `{name}` is one segment, `{name+}` the rest of the path. */
  readonly path: string;
  readonly auth: RouteAuth;
}

export interface QueueTrigger {
  readonly kind: 'queue';
  readonly queue: QueueName;
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
  /** At most this many batches at once: it protects the table and caps what a flood costs. */
  readonly maxConcurrency: number;
}

export interface ScheduleTrigger {
  readonly kind: 'schedule';
  /** Runs every this many minutes (EventBridge Scheduler `rate()`). */
  readonly everyMinutes: number;
}

/** Invoked directly by another AWS service, which answers a caller while it waits (Amazon Connect). */
export interface InvokeTrigger {
  readonly kind: 'invoke';
  readonly by: 'connect';
}

export type Trigger = RouteTrigger | QueueTrigger | ScheduleTrigger | InvokeTrigger;

/** DynamoDB operations, granted one by one: a function gets exactly the operations it performs. */
export type TableOperation =
  | 'GetItem'
  | 'BatchGetItem'
  | 'Query'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'Scan'
  | 'BatchWriteItem';

export type Access =
  | { readonly kind: 'table'; readonly operations: readonly TableOperation[] }
  | { readonly kind: 'queue'; readonly queue: QueueName }
  | { readonly kind: 'secret'; readonly secret: SecretName }
  /** Sends email through SES from the hotline's address. */
  | { readonly kind: 'email' }
  /** Sends SMS through AWS End User Messaging. */
  | { readonly kind: 'sms' }
  /** Builds links to the public site (never from a request's Host header). */
  | { readonly kind: 'publicUrl' }
  /** A folder of the repository shipped beside the bundle (static pages). */
  | { readonly kind: 'assets'; readonly folder: string };

export interface FunctionSpec {
  readonly name: string;
  readonly description: string;
  /** Path from the repository root to the handler module; it exports `handler`. */
  readonly entry: string;
  readonly triggers: readonly Trigger[];
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly access: readonly Access[];
}

export const functions: readonly FunctionSpec[] = [
  {
    name: 'intake-web',
    description: 'Accepts a citizen complaint from the web form, answers with its reference, queues it',
    entry: 'functions/handlers/intake-web.ts',
    triggers: [{ kind: 'route', method: 'POST', path: '/complaints', auth: 'public' }],
    memoryMb: 512,
    timeoutSeconds: 10,
    access: [{ kind: 'queue', queue: 'intake' }, { kind: 'secret', secret: 'master' }, { kind: 'publicUrl' }],
  },
  {
    name: 'case-status',
    description: 'Shows a reporter the public status of their case, given its receipt code',
    entry: 'functions/handlers/case-status.ts',
    triggers: [{ kind: 'route', method: 'POST', path: '/complaints/{reference}/status', auth: 'public' }],
    memoryMb: 512,
    timeoutSeconds: 10,
    access: [
      { kind: 'table', operations: ['GetItem'] },
      { kind: 'secret', secret: 'master' },
    ],
  },
  {
    name: 'intake-worker',
    description: 'Turns queued complaints into case records, once each',
    entry: 'functions/handlers/intake-worker.ts',
    triggers: [
      { kind: 'queue', queue: 'intake', batchSize: 10, maxBatchingWindowSeconds: 1, maxConcurrency: 5 },
    ],
    memoryMb: 512,
    timeoutSeconds: 30,
    access: [
      { kind: 'table', operations: ['Query', 'PutItem'] },
      { kind: 'queue', queue: 'notify' },
    ],
  },
  {
    name: 'web-pages',
    description: 'Serves the complaint form and the status page',
    entry: 'functions/handlers/web-pages.ts',
    triggers: (['/', '/status', '/assets/{file}'] as const).flatMap((path) =>
      (['GET', 'HEAD'] as const).map((method) => ({ kind: 'route', method, path, auth: 'public' }) as const),
    ),
    memoryMb: 256,
    timeoutSeconds: 5,
    access: [{ kind: 'assets', folder: 'web' }],
  },
  {
    name: 'deadline-sweeper',
    description:
      'Finds cases with a deadline milestone due, claims each milestone once and queues its notifications',
    entry: 'functions/handlers/deadline-sweeper.ts',
    triggers: [{ kind: 'schedule', everyMinutes: 5 }],
    memoryMb: 512,
    timeoutSeconds: 120,
    access: [
      { kind: 'table', operations: ['Query', 'GetItem', 'UpdateItem'] },
      { kind: 'queue', queue: 'notify' },
    ],
  },
  {
    name: 'notifier',
    description:
      'Sends reminders, escalations and announcements by email and SMS, and records each in the case history once',
    entry: 'functions/handlers/notifier.ts',
    triggers: [
      { kind: 'queue', queue: 'notify', batchSize: 10, maxBatchingWindowSeconds: 1, maxConcurrency: 2 },
    ],
    memoryMb: 512,
    timeoutSeconds: 30,
    access: [
      { kind: 'table', operations: ['GetItem', 'UpdateItem'] },
      { kind: 'email' },
      { kind: 'sms' },
      { kind: 'secret', secret: 'master' },
      { kind: 'publicUrl' },
    ],
  },
];

export interface IndexSpec {
  readonly partitionKey: string;
  readonly sortKey: string;
  /** Only these attributes are copied into the index: never the reporter's sealed contact details. */
  readonly attributes: readonly string[];
}

export type IndexName = 'byAssignee' | 'byDue' | 'bySubject';

export interface TableSpec {
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly timeToLiveAttribute: string;
  readonly indexes: Readonly<Record<IndexName, IndexSpec>>;
}

export const caseTable: TableSpec = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  indexes: {
    // The cases of one investigating body, newest first (sort key starts with the received time); cases
    // waiting for manual triage sit under their own key.
    byAssignee: {
      partitionKey: 'assigneeKey',
      sortKey: 'assigneeOrder',
      attributes: [
        'reference',
        'status',
        'channel',
        'category',
        'severity',
        'unitId',
        'bodyId',
        'receivedAt',
        'verificationDueAt',
        'updatedAt',
        'needsReview',
      ],
    },
    // Open cases by their next deadline milestone, sharded so no partition key is hot; sparse.
    byDue: {
      partitionKey: 'dueShard',
      sortKey: 'dueOrder',
      attributes: ['reference', 'status', 'bodyId', 'severity', 'verificationDueAt', 'milestonesNotified'],
    },
    // The cases about one official of one unit, oldest first, for linking related complaints. The key holds a
    // hash of the official's name, never a name; sparse: only cases naming both a known unit and an official.
    bySubject: {
      partitionKey: 'subjectKey',
      sortKey: 'subjectOrder',
      attributes: ['reference', 'unitId', 'officialName', 'receivedAt'],
    },
  },
};

/** The table key of a case item. */
export const caseKey = (reference: string): Record<string, string> => ({
  [caseTable.partitionKey]: `CASE#${reference}`,
  [caseTable.sortKey]: 'CASE',
});

export function functionNamed(name: string): FunctionSpec {
  const spec = functions.find((f) => f.name === name);
  if (spec === undefined) throw new Error(`no function named ${name} in the catalog`);
  return spec;
}

// The one declaration of every Lambda, queue and table index. lib/ (CDK) and local/ (npm start) both read it,
// so a route, queue or schedule is declared once and the cloud stack and the local runtime cannot drift.

export type QueueName = 'intake';

export interface QueueSpec {
  /** Seconds a received message stays invisible; at least six times its consumer's timeout (AWS guidance). */
  readonly visibilityTimeoutSeconds: number;
  /** Receives before a message is moved to the queue's dead-letter queue. */
  readonly maxReceiveCount: number;
  readonly retentionDays: number;
}

export const queues: Record<QueueName, QueueSpec> = {
  intake: { visibilityTimeoutSeconds: 180, maxReceiveCount: 5, retentionDays: 14 },
};

export interface RouteTrigger {
  readonly kind: 'route';
  readonly method: 'GET' | 'POST';
  /** API Gateway path syntax: `{name}` is one segment. */
  readonly path: string;
}

export interface QueueTrigger {
  readonly kind: 'queue';
  readonly queue: QueueName;
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
}

export type Trigger = RouteTrigger | QueueTrigger;

export interface FunctionAccess {
  readonly table?: 'read' | 'write' | 'readWrite';
  readonly sendTo?: readonly QueueName[];
  /** Reads the hotline's master secret (reference keys, contact sealing). */
  readonly secret?: boolean;
}

export interface FunctionSpec {
  readonly name: string;
  readonly description: string;
  /** Path from the repository root to the handler module; it exports `handler`. */
  readonly entry: string;
  readonly triggers: readonly Trigger[];
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly access: FunctionAccess;
  /** Folders copied beside the bundle (static pages). */
  readonly assets?: readonly string[];
}

export const functions: readonly FunctionSpec[] = [
  {
    name: 'intake-web',
    description: 'Accepts a citizen complaint from the web form, answers with its reference, queues it',
    entry: 'functions/handlers/intake-web.ts',
    triggers: [{ kind: 'route', method: 'POST', path: '/complaints' }],
    memoryMb: 512,
    timeoutSeconds: 10,
    access: { sendTo: ['intake'], secret: true },
  },
  {
    name: 'case-status',
    description: 'Shows a reporter the public status of their case, given its receipt code',
    entry: 'functions/handlers/case-status.ts',
    triggers: [{ kind: 'route', method: 'POST', path: '/complaints/{reference}/status' }],
    memoryMb: 512,
    timeoutSeconds: 10,
    access: { table: 'readWrite', secret: true },
  },
  {
    name: 'intake-worker',
    description: 'Turns queued complaints into case records, once each',
    entry: 'functions/handlers/intake-worker.ts',
    triggers: [{ kind: 'queue', queue: 'intake', batchSize: 10, maxBatchingWindowSeconds: 1 }],
    memoryMb: 512,
    timeoutSeconds: 30,
    access: { table: 'readWrite' },
  },
  {
    name: 'web-pages',
    description: 'Serves the complaint form and the status page',
    entry: 'functions/handlers/web-pages.ts',
    triggers: [
      { kind: 'route', method: 'GET', path: '/' },
      { kind: 'route', method: 'GET', path: '/status' },
      { kind: 'route', method: 'GET', path: '/assets/{file}' },
    ],
    memoryMb: 256,
    timeoutSeconds: 5,
    access: {},
    assets: ['web'],
  },
];

export interface IndexSpec {
  readonly partitionKey: string;
  readonly sortKey: string;
  /** Only these attributes are copied into the index: never the reporter's sealed contact details. */
  readonly attributes: readonly string[];
}

export interface TableSpec {
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly timeToLiveAttribute: string;
  readonly indexes: Readonly<Record<'byAssignee' | 'byDue' | 'bySubject', IndexSpec>>;
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

/** Environment variables through which a function learns its resources, set alike by CDK and by the local runtime. */
export const environmentNames = {
  tableName: 'HOTLINE_TABLE_NAME',
  secretArn: 'HOTLINE_SECRET_ARN',
  masterKey: 'HOTLINE_MASTER_KEY',
  webRoot: 'HOTLINE_WEB_ROOT',
  queueUrl: (queue: QueueName): string => `HOTLINE_${queue.toUpperCase()}_QUEUE_URL`,
} as const;

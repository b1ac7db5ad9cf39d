// The one declaration of every Lambda, queue, secret and table index. lib/ (CDK) and local/ (npm start) both read
// it, and both apply the meaning of each trigger and access kind from wiring.ts, so a route, queue or schedule is
// declared once and the cloud stack and the local runtime cannot drift.
import { resolve } from 'node:path';

/** The repository root: catalog entries and assets are paths relative to it. */
export const PROJECT_ROOT = /* @__PURE__ */ resolve(import.meta.dirname, '..');

/** Powertools' service name and metrics namespace: the functions emit under these and the alarms read them. */
export const observability = { serviceName: 'sunshine-hotline', namespace: 'SunshineHotline' } as const;

export type QueueName = 'intake' | 'notify' | 'events' | 'sweep' | 'evidence';

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
  // Each transition, queued before it commits (and delayed a little): the projector writes its event if a crash
  // left it unwritten, counts it into the daily aggregates once, and drops it if it never committed. One that
  // arrives before its slow commit is looked at again a minute later.
  events: {
    visibilityTimeoutSeconds: 60,
    maxReceiveCount: 5,
    retentionDays: 14,
    deadLetterRetentionDays: 14,
    oldestMessageAlarmSeconds: 300,
  },
  // One message per shard of the due index per sweep: the shards are swept by as many invocations at once.
  sweep: {
    visibilityTimeoutSeconds: 720,
    maxReceiveCount: 3,
    retentionDays: 1,
    deadLetterRetentionDays: 14,
    oldestMessageAlarmSeconds: 900,
  },
  // Each upload to the evidence bucket (S3's notification, or GuardDuty's scan result where it scans): checked and
  // cleaned before anyone sees it. A file that keeps failing its check ends in the DLQ, never shown.
  evidence: {
    visibilityTimeoutSeconds: 360,
    maxReceiveCount: 5,
    retentionDays: 4,
    deadLetterRetentionDays: 14,
    oldestMessageAlarmSeconds: 600,
  },
};

/**
 * The evidence bucket: uploads land under one prefix (their notifications go to the `evidence` queue, the lifecycle
 * removes what was never checked), checked files live under the other. The same prefixes as
 * functions/domain/evidence/policy.ts (a test keeps them so): the catalog is bundled into every function, the domain
 * module only into those that use it.
 */
export const evidenceStore = {
  uploadPrefix: 'uploads/',
  checkedPrefix: 'evidence/',
  notifies: 'evidence',
  /** An upload the checker never reached is removed after this long. */
  uncheckedExpiryDays: 1,
} as const satisfies { notifies: QueueName; [key: string]: unknown };

/** The two areas of the evidence bucket a function may be granted: uploads (unchecked) and checked files. */
export type EvidenceArea = 'uploads' | 'checked';

/** S3 operations on the objects of one area, granted one by one. */
export type EvidenceOperation = 'PutObject' | 'GetObject' | 'DeleteObject' | 'GetObjectTagging';

export type SecretName = 'master' | 'webhook-signing' | 'twilio-auth-token' | 'open311-api-keys';

export interface SecretSpec {
  readonly description: string;
}

/** Secrets are generated in Secrets Manager in AWS and given as environment variables on this machine. */
export const secrets: Record<SecretName, SecretSpec> = {
  master: {
    description: 'Sunshine Hotline master secret (references, receipt codes, sealed reporter contacts)',
  },
  // The channel secrets hold one value or, while a key is being rotated, two separated by a space: the sender
  // switches to the new one at its own pace and the old one is removed afterwards (docs/integrators.md).
  'webhook-signing': {
    description:
      'Standard Webhooks signing secrets of the hotline call-centre software (whsec_…; two, space-separated, during rotation)',
  },
  'twilio-auth-token': {
    description:
      "Twilio account auth token(s) that sign X-Twilio-Signature (set to the account's token after deploy; two during rotation)",
  },
  'open311-api-keys': {
    description: 'API keys of the Open311 clients allowed to post requests (space-separated)',
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
  /**
   * This route's own limit (API Gateway route throttling), below the API's default: a channel that a few
   * machines call (a telephony platform, an Open311 client) gets what they need, no more. @default the API's
   */
  readonly throttle?: RouteThrottle;
}

export interface RouteThrottle {
  /** Steady requests per second. */
  readonly rateLimit: number;
  /** Requests allowed at once above the steady rate. */
  readonly burstLimit: number;
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
  | { readonly kind: 'assets'; readonly folder: string }
  /** Tells the investigators' console how to sign in (wiring.ts SignInSetting): no permission, only settings. */
  | { readonly kind: 'signIn' }
  /** Objects of one area of the evidence bucket (its name, and whether uploads are scanned for malware). */
  | {
      readonly kind: 'evidence';
      readonly area: EvidenceArea;
      readonly operations: readonly EvidenceOperation[];
    };

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

/**
 * What every hotline channel needs to queue a complaint once: the intake queue, the master secret (references,
 * sealing) and the delivery register in the table (remembering a delivery, taking over an abandoned claim).
 */
// Every Lambda bundles this file for its table and key names, and a bundler drops the list of functions only if
// building it has no side effects: a spread or a call in it would keep all of it in every bundle. Hence the
// helpers' annotation.
/* @__NO_SIDE_EFFECTS__ */
function channelIntakeAccess(...more: Access[]): readonly Access[] {
  return [
    { kind: 'queue', queue: 'intake' },
    { kind: 'secret', secret: 'master' },
    { kind: 'table', operations: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'] },
    ...more,
  ];
}

/** Public routes: every path with every method, each with the same throttle if one is given. */
/* @__NO_SIDE_EFFECTS__ */
function publicRoutes(
  paths: readonly string[],
  methods: readonly HttpMethod[],
  throttle?: RouteThrottle,
): readonly RouteTrigger[] {
  return paths.flatMap((path) =>
    methods.map((method) => ({
      kind: 'route' as const,
      method,
      path,
      auth: 'public' as const,
      ...(throttle === undefined ? {} : { throttle }),
    })),
  );
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
      { kind: 'table', operations: ['GetItem', 'Query'] },
      { kind: 'secret', secret: 'master' },
    ],
  },
  {
    name: 'reporter-follow-up',
    description:
      'The reporter, through the receipt code, answers a question, adds information or rates the outcome',
    entry: 'functions/handlers/reporter-follow-up.ts',
    triggers: publicRoutes(
      [
        '/complaints/{reference}/answers',
        '/complaints/{reference}/additions',
        '/complaints/{reference}/rating',
      ],
      ['POST'],
      { rateLimit: 10, burstLimit: 20 },
    ),
    memoryMb: 512,
    timeoutSeconds: 10,
    access: [
      { kind: 'table', operations: ['GetItem', 'Query', 'PutItem', 'UpdateItem'] },
      { kind: 'queue', queue: 'events' },
      { kind: 'secret', secret: 'master' },
    ],
  },
  {
    name: 'accountability',
    description:
      "The public accountability page: each investigating body's figures for a month and its year, as a page, JSON and CSV",
    entry: 'functions/handlers/accountability.ts',
    // Public and cached by browsers and any CDN in front; the figures come from the daily aggregates only.
    triggers: publicRoutes(['/accountability', '/accountability/{file}'], ['GET', 'HEAD'], {
      rateLimit: 20,
      burstLimit: 40,
    }),
    memoryMb: 512,
    // The year to date is O(bodies) roll-up reads once stats-rollup has run; before its first run (a new table) every
    // day is read from its shards, which takes seconds (API Gateway waits 29 s).
    timeoutSeconds: 25,
    // The page, its charts (inline SVG) and the open data are written by the function; its styles are the site's.
    access: [{ kind: 'table', operations: ['Query'] }],
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
      { kind: 'table', operations: ['GetItem', 'Query', 'PutItem'] },
      { kind: 'queue', queue: 'notify' },
      { kind: 'queue', queue: 'events' },
      // The precompiled triage configuration (config/triage-data.ts's TRIAGE_DATA_FOLDER), read at load, and the
      // Traditional → Simplified dictionaries (config/simplified-chinese.ts), read with the first Chinese text.
      { kind: 'assets', folder: 'config/compiled/triage' },
      { kind: 'assets', folder: 'config/compiled/opencc' },
    ],
  },
  {
    name: 'web-pages',
    description: 'Serves the complaint form and the status page',
    entry: 'functions/handlers/web-pages.ts',
    triggers: publicRoutes(['/', '/status', '/assets/{file}'], ['GET', 'HEAD']),
    memoryMb: 256,
    timeoutSeconds: 5,
    // The evidence bucket's name only (no operation, so no permission): the pages let browsers post files to it.
    access: [
      { kind: 'assets', folder: 'web' },
      { kind: 'evidence', area: 'uploads', operations: [] },
    ],
  },
  // The hotline channels (docs/integrators.md). Every one ends on the intake queue; each remembers the deliveries
  // of the last ten minutes in the table (delivery-register.ts) so a replay answers as before and queues nothing.
  {
    name: 'webhook-telephony',
    description: "Accepts a call from a hotline's call-centre software, signed as Standard Webhooks say",
    entry: 'functions/handlers/webhook-telephony.ts',
    triggers: [
      {
        kind: 'route',
        method: 'POST',
        path: '/webhooks/telephony',
        auth: 'public',
        throttle: { rateLimit: 20, burstLimit: 40 },
      },
    ],
    memoryMb: 512,
    timeoutSeconds: 10,
    access: channelIntakeAccess({ kind: 'secret', secret: 'webhook-signing' }),
  },
  {
    name: 'webhook-twilio',
    description:
      'Answers a Twilio call with a bilingual greeting, takes the spoken complaint, reads back its reference',
    entry: 'functions/handlers/webhook-twilio.ts',
    triggers: publicRoutes(['/webhooks/twilio/voice', '/webhooks/twilio/speech'], ['POST'], {
      rateLimit: 10,
      burstLimit: 20,
    }),
    memoryMb: 512,
    timeoutSeconds: 10,
    access: channelIntakeAccess(
      { kind: 'secret', secret: 'twilio-auth-token' },
      // Twilio signs the URL it called, which the function behind API Gateway cannot see: it is configured.
      { kind: 'publicUrl' },
    ),
  },
  {
    name: 'connect-intake',
    description: 'Queues a complaint an Amazon Connect contact flow collected and answers its reference',
    entry: 'functions/handlers/connect-intake.ts',
    triggers: [{ kind: 'invoke', by: 'connect' }],
    memoryMb: 512,
    // A contact flow waits at most 8 s for a function.
    timeoutSeconds: 6,
    access: channelIntakeAccess(),
  },
  {
    name: 'open311-services',
    description: 'Open311 GeoReport v2: the complaint categories as services, and their definitions',
    entry: 'functions/handlers/open311-services.ts',
    // API Gateway path parameters are whole segments: `{file}` is `<service_code>.json`.
    triggers: publicRoutes(['/open311/v2/services.json', '/open311/v2/services/{file}'], ['GET'], {
      rateLimit: 20,
      burstLimit: 40,
    }),
    memoryMb: 256,
    timeoutSeconds: 5,
    access: [],
  },
  {
    name: 'open311-intake',
    description:
      'Open311 GeoReport v2: accepts a service request from a civic-reporting client and queues it',
    entry: 'functions/handlers/open311-intake.ts',
    triggers: [
      {
        kind: 'route',
        method: 'POST',
        path: '/open311/v2/requests.json',
        auth: 'public',
        throttle: { rateLimit: 5, burstLimit: 10 },
      },
    ],
    memoryMb: 512,
    timeoutSeconds: 10,
    access: channelIntakeAccess({ kind: 'secret', secret: 'open311-api-keys' }),
  },
  {
    name: 'open311-requests',
    description: 'Open311 GeoReport v2: the public state of requests filed through Open311, by id or listed',
    entry: 'functions/handlers/open311-requests.ts',
    triggers: publicRoutes(['/open311/v2/requests.json', '/open311/v2/requests/{file}'], ['GET'], {
      rateLimit: 20,
      burstLimit: 40,
    }),
    memoryMb: 256,
    timeoutSeconds: 10,
    access: [{ kind: 'table', operations: ['GetItem', 'Query'] }],
  },
  {
    name: 'cases-list',
    description:
      "Lists the cases of the caller's bodies: open ones by deadline, or by status and date, each filter an index",
    entry: 'functions/handlers/cases-list.ts',
    triggers: [{ kind: 'route', method: 'GET', path: '/cases', auth: 'jwt' }],
    memoryMb: 512,
    timeoutSeconds: 10,
    // The master secret keys the list's tamper-proof cursors; the converter's dictionaries normalise a searched
    // official's name and words as the writers did.
    access: [
      { kind: 'table', operations: ['Query', 'BatchGetItem'] },
      { kind: 'secret', secret: 'master' },
      { kind: 'assets', folder: 'config/compiled/opencc' },
    ],
  },
  {
    name: 'cases-detail',
    description: 'Shows one case, its complaint and a page of its history to the people who handle it',
    entry: 'functions/handlers/cases-detail.ts',
    triggers: [{ kind: 'route', method: 'GET', path: '/cases/{reference}', auth: 'jwt' }],
    memoryMb: 512,
    timeoutSeconds: 10,
    access: [
      { kind: 'table', operations: ['GetItem', 'Query'] },
      // The routing table alone (config/triage-data.ts's ROUTING_DATA_FOLDER), read at load, and the converter's
      // dictionaries, read with the first complaint checked for the directory's people.
      { kind: 'assets', folder: 'config/compiled/routing' },
      { kind: 'assets', folder: 'config/compiled/opencc' },
    ],
  },
  {
    name: 'cases-action',
    description:
      "Takes one step of a case's lifecycle: the head moves on conditionally, the step is its own event",
    entry: 'functions/handlers/cases-action.ts',
    triggers: [{ kind: 'route', method: 'POST', path: '/cases/{reference}/actions', auth: 'jwt' }],
    memoryMb: 512,
    timeoutSeconds: 10,
    access: [
      { kind: 'table', operations: ['GetItem', 'Query', 'PutItem', 'UpdateItem'] },
      { kind: 'queue', queue: 'events' },
      { kind: 'assets', folder: 'config/compiled/routing' },
      { kind: 'assets', folder: 'config/compiled/opencc' },
    ],
  },
  {
    name: 'cases-notes',
    description: 'Adds an internal note to a case: for the body and those above it, never for the reporter',
    entry: 'functions/handlers/cases-notes.ts',
    triggers: [{ kind: 'route', method: 'POST', path: '/cases/{reference}/notes', auth: 'jwt' }],
    memoryMb: 256,
    timeoutSeconds: 10,
    access: [{ kind: 'table', operations: ['GetItem', 'PutItem'] }],
  },
  {
    name: 'cases-contact',
    description:
      "A supervisor opens a reporter's contact details: an explicit act, rate-limited, recorded before it is shown",
    entry: 'functions/handlers/cases-contact.ts',
    triggers: [{ kind: 'route', method: 'POST', path: '/cases/{reference}/contact-views', auth: 'jwt' }],
    memoryMb: 256,
    timeoutSeconds: 10,
    access: [
      { kind: 'table', operations: ['GetItem', 'PutItem', 'UpdateItem'] },
      { kind: 'secret', secret: 'master' },
    ],
  },
  {
    name: 'cases-inspection',
    description: "Files an investigator's undercover-inspection finding as a case, through the intake queue",
    entry: 'functions/handlers/cases-inspection.ts',
    triggers: [{ kind: 'route', method: 'POST', path: '/cases', auth: 'jwt' }],
    memoryMb: 256,
    timeoutSeconds: 10,
    access: [
      { kind: 'queue', queue: 'intake' },
      { kind: 'secret', secret: 'master' },
    ],
  },
  // Evidence (README, "Evidence"): upload slots at filing and later, the checker, the office's list and its views.
  {
    name: 'evidence-uploads',
    description:
      "Gives a reporter upload slots for their files (policies pinning each file's key, size and type), by receipt code",
    entry: 'functions/handlers/evidence-uploads.ts',
    triggers: [
      {
        kind: 'route',
        method: 'POST',
        path: '/complaints/{reference}/evidence',
        auth: 'public',
        throttle: { rateLimit: 10, burstLimit: 20 },
      },
    ],
    memoryMb: 512,
    timeoutSeconds: 10,
    access: [
      { kind: 'table', operations: ['GetItem', 'UpdateItem'] },
      { kind: 'secret', secret: 'master' },
      { kind: 'evidence', area: 'uploads', operations: ['PutObject'] },
    ],
  },
  {
    name: 'cases-evidence-uploads',
    description: 'Gives investigators upload slots for files they attach to a case of their scope',
    entry: 'functions/handlers/cases-evidence-uploads.ts',
    triggers: [{ kind: 'route', method: 'POST', path: '/cases/{reference}/evidence', auth: 'jwt' }],
    memoryMb: 512,
    timeoutSeconds: 10,
    access: [
      { kind: 'table', operations: ['GetItem', 'UpdateItem'] },
      { kind: 'evidence', area: 'uploads', operations: ['PutObject'] },
    ],
  },
  {
    name: 'evidence-checker',
    description:
      'Checks each upload by its bytes, strips metadata from images and recordings, keeps or refuses it, records it on the case',
    entry: 'functions/handlers/evidence-checker.ts',
    triggers: [
      { kind: 'queue', queue: 'evidence', batchSize: 1, maxBatchingWindowSeconds: 0, maxConcurrency: 4 },
    ],
    memoryMb: 1024,
    timeoutSeconds: 60,
    access: [
      { kind: 'table', operations: ['GetItem', 'PutItem'] },
      { kind: 'evidence', area: 'uploads', operations: ['GetObject', 'DeleteObject', 'GetObjectTagging'] },
      { kind: 'evidence', area: 'checked', operations: ['PutObject'] },
    ],
  },
  {
    name: 'cases-evidence',
    description: "Lists a case's checked files for the people who may see the case",
    entry: 'functions/handlers/cases-evidence.ts',
    triggers: [{ kind: 'route', method: 'GET', path: '/cases/{reference}/evidence', auth: 'jwt' }],
    memoryMb: 256,
    timeoutSeconds: 10,
    access: [{ kind: 'table', operations: ['GetItem', 'Query'] }],
  },
  {
    name: 'cases-evidence-view',
    description:
      'Records a view of one checked file on the case, then gives a download link valid for minutes',
    entry: 'functions/handlers/cases-evidence-view.ts',
    triggers: [
      { kind: 'route', method: 'POST', path: '/cases/{reference}/evidence/{fileId}/views', auth: 'jwt' },
    ],
    memoryMb: 256,
    timeoutSeconds: 10,
    access: [
      { kind: 'table', operations: ['GetItem', 'PutItem'] },
      { kind: 'evidence', area: 'checked', operations: ['GetObject'] },
    ],
  },
  {
    name: 'cases-stats',
    description: "The office's figures for a period, per body and in total, and the complaint hotspots",
    entry: 'functions/handlers/cases-stats.ts',
    triggers: [{ kind: 'route', method: 'GET', path: '/stats', auth: 'jwt' }],
    memoryMb: 512,
    timeoutSeconds: 15,
    access: [{ kind: 'table', operations: ['Query'] }],
  },
  {
    name: 'console-pages',
    description:
      "Serves the investigators' console and its chart library (the API behind it needs a sign-in)",
    entry: 'functions/handlers/console-pages.ts',
    triggers: publicRoutes(['/console', '/console/assets/{file}'], ['GET', 'HEAD']),
    memoryMb: 256,
    timeoutSeconds: 5,
    access: [
      { kind: 'assets', folder: 'web/console' },
      { kind: 'assets', folder: 'node_modules/uplot/dist' },
      { kind: 'signIn' },
    ],
  },
  {
    name: 'deadline-sweeper',
    description:
      'Starts a sweep of the due index: one message per shard, swept by as many invocations at once',
    entry: 'functions/handlers/deadline-sweeper.ts',
    triggers: [{ kind: 'schedule', everyMinutes: 5 }],
    memoryMb: 256,
    timeoutSeconds: 30,
    access: [{ kind: 'queue', queue: 'sweep' }],
  },
  {
    name: 'deadline-shard-sweeper',
    description:
      "Sweeps one shard of the due index up to the sweep's time: queues each due milestone's notices, then claims it",
    entry: 'functions/handlers/deadline-shard-sweeper.ts',
    triggers: [
      { kind: 'queue', queue: 'sweep', batchSize: 1, maxBatchingWindowSeconds: 0, maxConcurrency: 16 },
    ],
    memoryMb: 512,
    timeoutSeconds: 120,
    access: [
      { kind: 'table', operations: ['Query', 'GetItem', 'UpdateItem'] },
      { kind: 'queue', queue: 'notify' },
      // A shard with more due than one invocation can sweep queues its own continuation.
      { kind: 'queue', queue: 'sweep' },
    ],
  },
  {
    name: 'staff-digest',
    description:
      "Each working morning, one email per investigator and supervisor: their overdue cases, today's, and what waits for them",
    entry: 'functions/handlers/staff-digest.ts',
    triggers: [{ kind: 'schedule', everyMinutes: 15 }],
    memoryMb: 512,
    timeoutSeconds: 120,
    access: [
      { kind: 'table', operations: ['Query', 'BatchGetItem', 'GetItem', 'PutItem', 'UpdateItem'] },
      { kind: 'email' },
      { kind: 'publicUrl' },
    ],
  },
  {
    name: 'case-projector',
    description:
      "Makes sure each committed transition's event is written and counts it into the daily aggregates once",
    entry: 'functions/handlers/case-projector.ts',
    triggers: [
      { kind: 'queue', queue: 'events', batchSize: 10, maxBatchingWindowSeconds: 1, maxConcurrency: 4 },
    ],
    memoryMb: 512,
    timeoutSeconds: 10,
    // The notify queue: a conclusion, a question or a reporter's answer is told at once (reporter/notices.ts).
    access: [
      { kind: 'table', operations: ['GetItem', 'PutItem', 'Query', 'UpdateItem'] },
      { kind: 'queue', queue: 'notify' },
    ],
  },
  {
    name: 'stats-rollup',
    description:
      "Rolls each settled day's aggregate shards up into one item per body and day, and redoes stale ones",
    entry: 'functions/handlers/stats-rollup.ts',
    triggers: [{ kind: 'schedule', everyMinutes: 60 }],
    memoryMb: 256,
    timeoutSeconds: 120,
    access: [{ kind: 'table', operations: ['Query', 'PutItem'] }],
  },
  {
    name: 'retention-sweeper',
    description:
      "Deletes reporters' contact details whose retention period has passed, and records each deletion in its case",
    entry: 'functions/handlers/retention-sweeper.ts',
    triggers: [{ kind: 'schedule', everyMinutes: 60 }],
    memoryMb: 256,
    timeoutSeconds: 120,
    access: [{ kind: 'table', operations: ['Query', 'GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'] }],
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
      { kind: 'table', operations: ['GetItem', 'PutItem', 'UpdateItem'] },
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

export type IndexName =
  | 'byAssignee'
  | 'byStatus'
  | 'byOpen'
  | 'byPerson'
  | 'byDue'
  | 'bySubject'
  | 'byOfficial'
  | 'byChannel'
  | 'byMerged';

export interface TableSpec {
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly timeToLiveAttribute: string;
  readonly indexes: Readonly<Record<IndexName, IndexSpec>>;
}

/**
 * What a list shows of a case, all of it on the head: the open-cases index projects it whole (its key moves with
 * most transitions anyway); the other list indexes project only what rarely changes, and the list reads the heads
 * of a page by key.
 */
// The reference is not among them: an index item always carries the table key, `CASE#<reference>`, and CloudFormation
// allows at most 20 projected attributes per index.
const SUMMARY_ATTRIBUTES = [
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
  'needsManualTriage',
  'acknowledgeDueAt',
  'acknowledgedAt',
  'concludedAt',
  'nextDueAt',
  'outcome',
  'assigneeId',
  'extension',
  'supervision',
  // A reporter rated the outcome 不满意: the case stays in the open lists for the supervisor until answered.
  'dissatisfied',
] as const;
/**
 * Facts of a case that change seldom (at triage, a transfer, an assignment, a supervision mark): cheap to project,
 * they filter a list in the index.
 */
const STABLE_ATTRIBUTES = [
  'reference',
  'channel',
  'category',
  'severity',
  'unitId',
  'receivedAt',
  'assigneeId',
  'supervision',
  'needsReview',
  'dissatisfied',
] as const;

export const caseTable: TableSpec = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  indexes: {
    // Every case of one investigating body, newest first (sort key starts with the received time): a date range
    // is a key condition. Cases waiting for manual triage sit under their own key.
    byAssignee: { partitionKey: 'assigneeKey', sortKey: 'assigneeOrder', attributes: STABLE_ATTRIBUTES },
    // The cases of one body in one status, newest first: a status filter is a key, never a filter over history.
    byStatus: { partitionKey: 'statusKey', sortKey: 'statusOrder', attributes: STABLE_ATTRIBUTES },
    // The open cases of one body by their next running deadline, overdue first: the default list, the overdue
    // filter (a key range below now) and the count of overdue cases. Sparse: closed and merged cases leave it.
    byOpen: { partitionKey: 'openKey', sortKey: 'openOrder', attributes: SUMMARY_ATTRIBUTES },
    // The open cases one person has, the same way: "my cases". Sparse: unassigned and finished cases leave it.
    byPerson: { partitionKey: 'personKey', sortKey: 'personOrder', attributes: SUMMARY_ATTRIBUTES },
    // Open cases by their next deadline milestone, sharded so no partition key is hot; sparse.
    byDue: { partitionKey: 'dueShard', sortKey: 'dueOrder', attributes: ['reference'] },
    // The cases about one official of one unit, oldest first, for linking related complaints. The key holds a
    // hash of the official's name, never a name; sparse: only cases naming both a known unit and an official.
    bySubject: {
      partitionKey: 'subjectKey',
      sortKey: 'subjectOrder',
      attributes: ['reference', 'unitId', 'officialName', 'receivedAt', 'bodyId'],
    },
    // The cases naming one official (a hash of the normalised name, never the name), whatever the unit: the list's
    // search by official. Sparse.
    byOfficial: {
      partitionKey: 'officialKey',
      sortKey: 'officialOrder',
      attributes: ['reference', 'bodyId', 'unitId', 'receivedAt'],
    },
    // The cases filed through one channel that lists its own cases to its clients (Open311's GET requests.json),
    // newest first; sparse: only such channels' cases carry the key. Public fields only: the answer is public.
    byChannel: {
      partitionKey: 'channelKey',
      sortKey: 'channelOrder',
      attributes: [
        'reference',
        'channel',
        'status',
        'category',
        'bodyId',
        'receivedAt',
        'updatedAt',
        'verificationDueAt',
      ],
    },
    // The duplicates merged into one case: the survivor's list follows from the merges committed, never a
    // second write that a crash or a race could lose. Sparse.
    byMerged: {
      partitionKey: 'mergedKey',
      sortKey: 'mergedOrder',
      attributes: ['reference', 'status', 'bodyId'],
    },
  },
};

/** The table key of a case's head item. */
export const caseKey = (reference: string): Record<string, string> => ({
  [caseTable.partitionKey]: `CASE#${reference}`,
  [caseTable.sortKey]: 'HEAD',
});

export function functionNamed(name: string): FunctionSpec {
  const spec = functions.find((f) => f.name === name);
  if (spec === undefined) throw new Error(`no function named ${name} in the catalog`);
  return spec;
}

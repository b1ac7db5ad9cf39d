// Helpers of the infra tests: an app that skips bundling, a test catalog that uses every trigger and access kind,
// and readers of a synthesised template.
import { App, type CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { type FunctionSpec, functions, PROJECT_ROOT } from '../../functions/catalog.ts';
import { HotlineStack, type HotlineStackProps } from '../../lib/hotline-stack.ts';

/** Bundling is skipped (the bundles are built by `npm run synth` and the benchmark); the template is the same. */
export const newApp = (context: Record<string, unknown> = {}) =>
  new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });

export const newStack = (id = 'Test') => new Stack(newApp(), id);

/** Any existing handler does as the entry of a test-only function: it is not bundled here. */
const entry = 'functions/handlers/case-status.ts';

/** Functions the catalog does not have yet, one per remaining trigger and access kind. */
export const extraFunctions: readonly FunctionSpec[] = [
  {
    name: 'cases-api',
    description: 'Investigator console API (test only)',
    entry,
    triggers: [
      // Its own paths: the real catalog has the cases API under /cases.
      { kind: 'route', method: 'GET', path: '/test-cases', auth: 'jwt' },
      { kind: 'route', method: 'PUT', path: '/test-cases/{reference}', auth: 'jwt' },
      { kind: 'route', method: 'PATCH', path: '/test-cases/{reference}', auth: 'jwt' },
      { kind: 'route', method: 'DELETE', path: '/test-cases/{reference}/links/{other}', auth: 'jwt' },
    ],
    memoryMb: 512,
    timeoutSeconds: 10,
    access: [{ kind: 'table', operations: ['Query', 'GetItem', 'UpdateItem'] }],
  },
  {
    name: 'deadline-sweeper',
    description: 'Sends deadline milestones (test only)',
    entry,
    triggers: [{ kind: 'schedule', everyMinutes: 5 }],
    memoryMb: 256,
    timeoutSeconds: 60,
    access: [{ kind: 'table', operations: ['Query', 'UpdateItem'] }, { kind: 'email' }, { kind: 'sms' }],
  },
  {
    name: 'intake-connect',
    description: 'Takes a complaint from an Amazon Connect contact flow (test only)',
    entry,
    triggers: [{ kind: 'invoke', by: 'connect' }],
    memoryMb: 512,
    timeoutSeconds: 8,
    access: [
      { kind: 'queue', queue: 'intake' },
      { kind: 'secret', secret: 'master' },
    ],
  },
];

/** The catalog plus the test-only functions; a test-only one stands in for a catalog function of the same name. */
export const everyKind: readonly FunctionSpec[] = [
  ...functions.filter((spec) => !extraFunctions.some((extra) => extra.name === spec.name)),
  ...extraFunctions,
];

export function synth(props: Partial<HotlineStackProps> = {}, context: Record<string, unknown> = {}) {
  const app = newApp(context);
  const stack = new HotlineStack(app, 'Test', { projectRoot: PROJECT_ROOT, ...props });
  return { app, stack, template: Template.fromStack(stack) };
}

export type Resource = { Properties: Record<string, unknown>; DeletionPolicy?: string };

export const resourcesOf = (template: Template, type: string) =>
  Object.entries(template.findResources(type)) as [string, Resource][];

/** The logical id of a construct's CloudFormation resource. */
export const logicalIdOf = (construct: IConstruct): string => {
  const resource = construct.node.defaultChild as CfnResource;
  return Stack.of(construct).resolve(resource.logicalId) as string;
};

/** The IAM policy statements attached to a function's role, as one JSON string. */
export function policyOf(stack: HotlineStack, template: Template, name: string): string {
  const fn = stack.functions[name];
  if (fn === undefined) throw new Error(`no function ${name}`);
  const roleId = logicalIdOf(fn.role);
  const policies = resourcesOf(template, 'AWS::IAM::Policy').filter(([, policy]) =>
    JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`),
  );
  return JSON.stringify(policies.map(([, policy]) => policy.Properties.PolicyDocument));
}

export interface Acknowledgement {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

/** Every cdk-nag acknowledgement in a tree, where it was made. */
export function acknowledgementsIn(root: IConstruct): Acknowledgement[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

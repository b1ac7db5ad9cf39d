// The one construct every Lambda goes through: runtime, architecture, tracing, its own role and log group, the
// environment it owns, and the checks on its props.
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { functionNamed, PROJECT_ROOT } from '../../functions/catalog.ts';
import { HotlineFunction, type HotlineFunctionProps } from '../../lib/hotline-function.ts';
import { logicalIdOf, newStack } from './support.ts';

function build(props: Partial<HotlineFunctionProps> = {}) {
  const stack = newStack();
  const fn = new HotlineFunction(stack, 'case-status', {
    spec: functionNamed('case-status'),
    projectRoot: PROJECT_ROOT,
    environment: { HOTLINE_TABLE_NAME: 'cases' },
    ...props,
  });
  return { stack, fn, template: Template.fromStack(stack) };
}

describe('HotlineFunction', () => {
  it('runs Node.js 24 on arm64, traced, with source maps, and the settings it is given', () => {
    const { fn, template } = build();
    const { Properties } = template.toJSON().Resources[logicalIdOf(fn.function)];
    expect(Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      MemorySize: 512,
      Timeout: 10,
      Handler: 'index.handler',
      Environment: {
        Variables: {
          NODE_OPTIONS: '--enable-source-maps',
          POWERTOOLS_SERVICE_NAME: 'sunshine-hotline',
          POWERTOOLS_METRICS_NAMESPACE: 'SunshineHotline',
          HOTLINE_TABLE_NAME: 'cases',
        },
      },
    });
  });

  it('has its own role, without managed policies, writing only to its own log group, kept 365 days', () => {
    const { fn, template } = build();
    const role = template.toJSON().Resources[logicalIdOf(fn.role)];
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    template.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: { RetentionInDays: 365 },
    });
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).toContain('logs:PutLogEvents');
  });

  it('refuses a route function that would outlive API Gateway’s 29 s', () => {
    const spec = { ...functionNamed('case-status'), timeoutSeconds: 30 };
    expect(() => build({ spec })).toThrow(/29 s/);
    const worker = { ...functionNamed('intake-worker'), timeoutSeconds: 60 };
    expect(() => build({ spec: worker })).not.toThrow();
  });

  it('refuses an asset folder that is not a plain path inside the repository', () => {
    for (const folder of ['../etc', '/etc', 'web"; rm -rf /', 'web/../..']) {
      expect(() => build({ assets: [folder] }), folder).toThrow(/plain path inside the repository/);
    }
    expect(() => build({ assets: ['web'] })).not.toThrow();
  });
});

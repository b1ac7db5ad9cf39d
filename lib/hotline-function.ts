// One construct that gives every Lambda of the catalog the same runtime, architecture, tracing, logging and
// bundling, with its own role and log group so that its permissions are exactly what the stack grants it.
import { posix } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type FunctionSpec, observability } from '../functions/catalog.ts';
import { API_INTEGRATION_TIMEOUT_SECONDS, BUNDLE, LOG_RETENTION_DAYS } from './defaults.ts';

export interface HotlineFunctionProps {
  readonly spec: FunctionSpec;
  /** Absolute path of the repository root (entries and assets are relative to it). */
  readonly projectRoot: string;
  /** The function's settings (wiring.ts resolved to this stack's resources). @default - only the construct's own */
  readonly environment?: Readonly<Record<string, string>>;
  /** Folders of the repository copied beside the bundle, under the same name. @default - none */
  readonly assets?: readonly string[];
}

export class HotlineFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: HotlineFunctionProps) {
    super(scope, id);
    const { spec, projectRoot } = props;
    const environment = props.environment ?? {};
    const assets = props.assets ?? [];
    if (
      spec.timeoutSeconds > API_INTEGRATION_TIMEOUT_SECONDS &&
      spec.triggers.some((t) => t.kind === 'route')
    ) {
      throw new Error(
        `${spec.name}: API Gateway gives up after ${API_INTEGRATION_TIMEOUT_SECONDS} s; a route's function must time out sooner`,
      );
    }
    const unsafeFolder = assets.find(
      (folder) => !/^[A-Za-z0-9][\w.-]*(\/[\w.-]+)*$/.test(folder) || folder.includes('..'),
    );
    if (unsafeFolder !== undefined) {
      throw new Error(
        `${spec.name}: asset folder "${unsafeFolder}" must be a plain path inside the repository`,
      );
    }

    const logGroup = new LogGroup(this, 'Logs', {
      retention: LOG_RETENTION_DAYS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // An own role instead of the managed AWSLambdaBasicExecutionRole: logs may go to this log group only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${spec.name}`,
    });
    logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      description: spec.description,
      entry: `${projectRoot}/${spec.entry}`,
      projectRoot,
      depsLockFilePath: `${projectRoot}/package-lock.json`,
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      // Lambda records each invocation's segment and the SDK passes the trace header on (through SQS to the
      // next function), so a complaint's path is one trace. No tracing SDK runs inside: see "Tracing" in the README.
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup,
      environment: {
        NODE_OPTIONS: BUNDLE.nodeOptions,
        POWERTOOLS_SERVICE_NAME: observability.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: observability.namespace,
        ...environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: BUNDLE.target,
        minify: BUNDLE.minify,
        sourceMap: BUNDLE.sourcemap,
        sourcesContent: BUNDLE.sourcesContent,
        mainFields: [...BUNDLE.mainFields],
        banner: BUNDLE.banner,
        externalModules: [],
        ...(assets.length === 0
          ? {}
          : {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) =>
                  // A nested folder (web/console) needs its parent in the bundle before it is copied.
                  assets.map(
                    (folder) =>
                      `mkdir -p "${outputDir}/${posix.dirname(folder)}" && cp -R "${inputDir}/${folder}" "${outputDir}/${folder}"`,
                  ),
              },
            }),
      },
    });

    // X-Ray accepts trace segments only with Resource "*": there is no narrower resource to name.
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions.',
    });
  }
}

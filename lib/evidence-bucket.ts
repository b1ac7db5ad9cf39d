// The evidence bucket: private by construction (all public access blocked, TLS only, encrypted at rest, owner-enforced
// objects, no listing for anyone), uploads under one prefix that notify the evidence queue and expire unless
// checked, checked files under another that expire with the office's retention, and, when asked for, GuardDuty
// Malware Protection scanning every upload before the checker sees it.
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { CfnMalwareProtectionPlan } from 'aws-cdk-lib/aws-guardduty';
import {
  AnyPrincipal,
  Effect,
  Grant,
  type IGrantable,
  PolicyDocument,
  PolicyStatement,
  Role,
  ServicePrincipal,
} from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EvidenceArea } from '../functions/catalog.ts';

export interface EvidenceBucketProps {
  /** Where each upload (or, with scanning, each scan result) is queued for the checker. */
  readonly queue: IQueue;
  /** The prefix uploads land under and the prefix checked files live under. */
  readonly uploadPrefix: string;
  readonly checkedPrefix: string;
  /** Days an upload the checker never reached is kept. */
  readonly uncheckedExpiryDays: number;
  /**
   * Days a checked file is kept after its upload. Tied to the office's retention of a case's record: the reporters'
   * retention rule (issue 19) sets the figure; the bucket takes it as configuration.
   */
  readonly retentionDays: number;
  /** Origins of the site's pages, which post uploads to the bucket and fetch files from it (CORS). */
  readonly allowedOrigins: readonly string[];
  /** Scan every upload with GuardDuty Malware Protection for S3 before it is checked. @default false */
  readonly malwareScan?: boolean;
}

/** The S3 actions each grant may hold: object actions only, never a listing or a bucket setting. */
const OBJECT_ACTIONS = new Set(['s3:PutObject', 's3:GetObject', 's3:DeleteObject', 's3:GetObjectTagging']);

export class EvidenceBucket extends Construct {
  readonly bucket: Bucket;
  readonly malwareScan: boolean;
  readonly props: EvidenceBucketProps;
  private readonly scanRole: Role | undefined;

  constructor(scope: Construct, id: string, props: EvidenceBucketProps) {
    super(scope, id);
    checkProps(props);
    this.props = props;
    this.malwareScan = props.malwareScan ?? false;
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Not versioned: a version history would keep every upload as sent, with the GPS the checker removed.
      versioned: false,
      removalPolicy: RemovalPolicy.RETAIN,
      cors: [
        {
          allowedOrigins: [...props.allowedOrigins],
          allowedMethods: [HttpMethods.POST, HttpMethods.GET],
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag'],
          maxAge: 600,
        },
      ],
      lifecycleRules: [
        {
          id: 'unchecked-uploads',
          prefix: props.uploadPrefix,
          expiration: Duration.days(props.uncheckedExpiryDays),
        },
        {
          id: 'evidence-retention',
          prefix: props.checkedPrefix,
          expiration: Duration.days(props.retentionDays),
        },
        { id: 'abandoned-multipart', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        "S3 server access logs record every requester's IP address, and reporters upload straight from their own browsers: the logs would keep an anonymous reporter's network address. Each file's upload, check and every view are recorded on the case instead.",
    });

    if (this.malwareScan) {
      this.scanRole = this.enableMalwareScan(props);
    } else {
      this.notifyUploads(props);
    }

    // Nobody lists the bucket, not even an administrator with s3:*: a file is reached through its case, where every
    // view is recorded. GuardDuty alone checks that it owns the bucket by listing it.
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'NoListing',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:ListBucket', 's3:ListBucketVersions'],
        resources: [this.bucket.bucketArn],
        ...(this.scanRole === undefined
          ? {}
          : { conditions: { ArnNotEquals: { 'aws:PrincipalArn': this.scanRole.roleArn } } }),
      }),
    );
  }

  /**
   * S3 → SQS for each new upload, written on the bucket itself. CDK's addEventNotification would do it through a
   * custom resource: a Python Lambda outside the catalog (not Node.js 24, not traced, an AWS managed policy). S3 tests
   * that it may send when the bucket is created, so the queue's policy is made first; it names the account, not the
   * bucket (whose ARN would make the two depend on each other).
   */
  private notifyUploads(props: EvidenceBucketProps): void {
    const stack = Stack.of(this);
    const allowed = props.queue.addToResourcePolicy(
      new PolicyStatement({
        sid: 'EvidenceUploadsFromS3',
        principals: [new ServicePrincipal('s3.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [props.queue.queueArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:s3:::*` },
        },
      }),
    );
    const bucket = this.bucket.node.defaultChild as CfnBucket;
    bucket.notificationConfiguration = {
      queueConfigurations: [
        {
          event: 's3:ObjectCreated:*',
          queue: props.queue.queueArn,
          filter: { s3Key: { rules: [{ name: 'prefix', value: props.uploadPrefix }] } },
        },
      ],
    };
    if (allowed.policyDependable !== undefined) bucket.node.addDependency(allowed.policyDependable);
  }

  /**
   * Grants object actions on one area's objects (its prefix) of this bucket only. No listing and no bucket action is
   * ever granted: the checker learns of an object from its notification, the others from the case's record.
   */
  grant(grantee: IGrantable, area: EvidenceArea, actions: readonly string[]): Grant {
    const unknown = actions.filter((action) => !OBJECT_ACTIONS.has(action));
    if (unknown.length > 0)
      throw new Error(`evidence bucket: ${unknown.join(', ')} is not an object action it grants`);
    const prefix = area === 'uploads' ? this.props.uploadPrefix : this.props.checkedPrefix;
    return Grant.addToPrincipal({
      grantee,
      actions: [...actions],
      resourceArns: [this.bucket.arnForObjects(`${prefix}*`)],
    });
  }

  /** The IAM5 finding a grant on this bucket's area raises, with its reason. */
  acknowledgeGrant(role: Construct, area: EvidenceArea): void {
    const prefix = area === 'uploads' ? this.props.uploadPrefix : this.props.checkedPrefix;
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as never);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
      reason: `Each file is its own object under ${prefix}<reference>/<random id>; the wildcard is that one prefix of the evidence bucket, for object actions only.`,
    });
  }

  /**
   * GuardDuty Malware Protection for S3: it scans each new object under the upload prefix, tags it with its verdict
   * (GuardDutyMalwareScanStatus) and publishes the result to EventBridge; the result (not S3's own notification)
   * queues the upload for the checker, which reads the tag and keeps only what is NO_THREATS_FOUND.
   */
  private enableMalwareScan(props: EvidenceBucketProps): Role {
    const stack = Stack.of(this);
    const principal = 'malware-protection-plan.guardduty.amazonaws.com';
    const managedRule = stack.formatArn({
      service: 'events',
      resource: 'rule',
      resourceName: 'DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*',
    });
    const uploads = this.bucket.arnForObjects(`${props.uploadPrefix}*`);
    const role = new Role(this, 'MalwareScanRole', {
      assumedBy: new ServicePrincipal(principal),
      description: 'GuardDuty Malware Protection for S3: scans and tags uploads of the evidence bucket',
      inlinePolicies: {
        MalwareProtection: new PolicyDocument({
          statements: [
            new PolicyStatement({
              sid: 'AllowManagedRuleToSendS3EventsToGuardDuty',
              actions: ['events:PutRule', 'events:DeleteRule', 'events:PutTargets', 'events:RemoveTargets'],
              resources: [managedRule],
              conditions: { StringLike: { 'events:ManagedBy': principal } },
            }),
            new PolicyStatement({
              sid: 'AllowGuardDutyToMonitorEventBridgeManagedRule',
              actions: ['events:DescribeRule', 'events:ListTargetsByRule'],
              resources: [managedRule],
            }),
            new PolicyStatement({
              sid: 'AllowPostScanTag',
              actions: ['s3:PutObjectTagging', 's3:GetObjectTagging'],
              resources: [uploads],
            }),
            new PolicyStatement({
              sid: 'AllowEnableS3EventBridgeEvents',
              actions: ['s3:PutBucketNotification', 's3:GetBucketNotification'],
              resources: [this.bucket.bucketArn],
            }),
            new PolicyStatement({
              sid: 'AllowPutValidationObject',
              actions: ['s3:PutObject'],
              resources: [this.bucket.arnForObjects('malware-protection-resource-validation-object')],
            }),
            new PolicyStatement({
              sid: 'AllowCheckBucketOwnership',
              actions: ['s3:ListBucket'],
              resources: [this.bucket.bucketArn],
            }),
            new PolicyStatement({
              sid: 'AllowMalwareScan',
              actions: ['s3:GetObject', 's3:GetObjectVersion'],
              resources: [uploads],
            }),
          ],
        }),
      },
    });
    const bucketId = stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:events:<AWS::Region>:<AWS::AccountId>:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*]',
      reason:
        "GuardDuty Malware Protection's role as AWS documents it: the EventBridge rule GuardDuty creates and manages for the plan has a generated suffix after DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3.",
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${props.uploadPrefix}*]`,
      reason:
        'GuardDuty reads and tags every upload, each its own object under the upload prefix: the wildcard is that one prefix of the evidence bucket.',
    });
    const plan = new CfnMalwareProtectionPlan(this, 'MalwareProtectionPlan', {
      role: role.roleArn,
      protectedResource: {
        s3Bucket: { bucketName: this.bucket.bucketName, objectPrefixes: [props.uploadPrefix] },
      },
      actions: { tagging: { status: 'ENABLED' } },
    });
    plan.node.addDependency(role);
    new Rule(this, 'ScanResults', {
      description: 'GuardDuty scan results of evidence uploads, queued for the evidence checker',
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: ['GuardDuty Malware Protection Object Scan Result'],
        detail: {
          s3ObjectDetails: {
            bucketName: [this.bucket.bucketName],
            objectKey: [{ prefix: props.uploadPrefix }],
          },
        },
      },
      targets: [new SqsQueue(props.queue)],
    });
    return role;
  }
}

function checkProps(props: EvidenceBucketProps): void {
  for (const prefix of [props.uploadPrefix, props.checkedPrefix]) {
    if (!/^[a-z0-9-]+\/$/.test(prefix))
      throw new Error(`evidence bucket: prefix "${prefix}" must be one folder`);
  }
  if (props.uploadPrefix === props.checkedPrefix)
    throw new Error('evidence bucket: uploads and checked files share a prefix');
  if (!Number.isInteger(props.retentionDays) || props.retentionDays < 1) {
    throw new Error(
      `evidence bucket: retentionDays must be a whole number of days ≥ 1, not ${props.retentionDays}`,
    );
  }
  if (props.allowedOrigins.length === 0)
    throw new Error('evidence bucket: name the site origin that uploads');
}

// The evidence bucket as deployed: every public access blocked, TLS only, encrypted at rest, nobody lists it, uploads
// notify the checker's queue directly (no custom-resource Lambda), lifecycle tied to retention; the functions get
// object actions on one area only; with the malware-scan flag, GuardDuty scans uploads and its results feed the queue.
import { Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { evidenceStore } from '../../functions/catalog.ts';
import { DEFAULT_EVIDENCE_RETENTION_DAYS } from '../../lib/defaults.ts';
import { logicalIdOf, policyOf, resourcesOf, synth } from './support.ts';

describe('the evidence bucket', () => {
  let real: ReturnType<typeof synth>;
  let bucketId: string;
  beforeAll(() => {
    real = synth({ alarmEmail: 'ops@example.org' });
    bucketId = logicalIdOf(real.stack.evidence.bucket);
  });

  it('blocks every kind of public access and encrypts at rest', () => {
    real.template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    const [, bucket] = resourcesOf(real.template, 'AWS::S3::Bucket').find(([id]) => id === bucketId) ?? [];
    expect(bucket?.Properties.VersioningConfiguration).toBeUndefined();
  });

  it('refuses any request without TLS (1.2 at least), and any listing, by its bucket policy', () => {
    const [[, policy]] = resourcesOf(real.template, 'AWS::S3::BucketPolicy').filter(([, p]) =>
      JSON.stringify(p.Properties.Bucket).includes(bucketId),
    ) as [[string, { Properties: { PolicyDocument: { Statement: Record<string, unknown>[] } } }]];
    const statements = policy.Properties.PolicyDocument.Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 's3:*',
        Principal: { AWS: '*' },
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 's3:*',
        Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
      }),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({
        Sid: 'NoListing',
        Effect: 'Deny',
        Action: ['s3:ListBucket', 's3:ListBucketVersions'],
        Principal: { AWS: '*' },
      }),
    );
    expect(statements.filter((s) => s.Effect === 'Allow')).toEqual([]);
  });

  it('notifies the evidence queue of each upload itself, with no custom-resource Lambda', () => {
    real.template.hasResourceProperties('AWS::S3::Bucket', {
      NotificationConfiguration: {
        QueueConfigurations: [
          {
            Event: 's3:ObjectCreated:*',
            Queue: { 'Fn::GetAtt': [Match.stringLikeRegexp('^evidencequeue'), 'Arn'] },
            Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: evidenceStore.uploadPrefix }] } },
          },
        ],
      },
    });
    expect(JSON.stringify(real.template.toJSON())).not.toContain('BucketNotificationsHandler');
    real.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'EvidenceUploadsFromS3',
            Principal: { Service: 's3.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }),
          }),
        ]),
      },
    });
  });

  it('expires unchecked uploads in a day and checked files with the retention', () => {
    real.template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Prefix: 'uploads/', ExpirationInDays: 1, Status: 'Enabled' }),
          Match.objectLike({
            Prefix: 'evidence/',
            ExpirationInDays: DEFAULT_EVIDENCE_RETENTION_DAYS,
            Status: 'Enabled',
          }),
        ]),
      },
    });
    const shorter = synth({ evidenceRetentionDays: 400 });
    shorter.template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ Prefix: 'evidence/', ExpirationInDays: 400 })]),
      },
    });
  });

  it('grants each function object actions on its area only, never a listing', () => {
    const uploads = policyOf(real.stack, real.template, 'evidence-uploads');
    expect(uploads).toContain('"s3:PutObject"');
    expect(uploads).toContain('/uploads/*');
    expect(uploads).not.toContain('/evidence/*');
    const checker = policyOf(real.stack, real.template, 'evidence-checker');
    expect(checker).toContain('"s3:DeleteObject"');
    expect(checker).toContain('/evidence/*');
    const viewer = policyOf(real.stack, real.template, 'cases-evidence-view');
    expect(viewer).toContain('"s3:GetObject"');
    expect(viewer).not.toContain('/uploads/*');
    expect(viewer).not.toContain('s3:PutObject');
    for (const name of ['evidence-uploads', 'evidence-checker', 'cases-evidence-view', 'cases-evidence']) {
      expect(policyOf(real.stack, real.template, name)).not.toMatch(/s3:List|s3:\*/);
    }
  });

  it('with the malware-scan flag: a GuardDuty plan on the uploads, its results queued, and cdk-nag still clean', () => {
    const scanned = synth({ malwareScan: true });
    scanned.template.hasResourceProperties('AWS::GuardDuty::MalwareProtectionPlan', {
      ProtectedResource: { S3Bucket: { ObjectPrefixes: ['uploads/'] } },
      Actions: { Tagging: { Status: 'ENABLED' } },
    });
    scanned.template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.guardduty'],
        'detail-type': ['GuardDuty Malware Protection Object Scan Result'],
      },
    });
    // The scan result, not S3's own notice, starts the check: S3's would race the scan.
    const [, bucket] = resourcesOf(scanned.template, 'AWS::S3::Bucket')[0] ?? [];
    expect(bucket?.Properties.NotificationConfiguration).toBeUndefined();
    const environment = JSON.stringify(
      resourcesOf(scanned.template, 'AWS::Lambda::Function').map(([, fn]) => fn.Properties.Environment),
    );
    expect(environment).toContain('"HOTLINE_MALWARE_SCAN":"guardduty"');
    const findings = new AwsSolutionsChecks().validateScope(scanned.app).violations.map((v) => v.ruleName);
    expect(findings).toEqual([]);
  });
});

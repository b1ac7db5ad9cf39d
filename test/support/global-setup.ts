// Starts one DynamoDB and one SQS emulator for the whole run, on free loopback ports; test files create
// their own uniquely named tables and queues in them.
import type { TestProject } from 'vitest/node';
import { startDynamoDb, startS3, startSqs } from '../../local/emulators.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    sqsEndpoint: string;
    s3Endpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const dynamodb = await startDynamoDb();
  const sqs = await startSqs();
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  project.provide('sqsEndpoint', sqs.endpoint);
  // The evidence bucket's S3 checks signatures: it knows the credentials the tests' functions sign with.
  const s3 = await startS3({
    s3: {
      // emulated-aws.ts's CREDENTIALS and REGION (not imported: that module needs a test's context).
      credentials: { test: 'test' },
      sqsEndpoint: sqs.endpoint,
      region: 'us-east-1',
    },
  });
  project.provide('s3Endpoint', s3.endpoint);
  return async () => {
    await Promise.all([dynamodb.stop(), sqs.stop(), s3.stop()]);
  };
}

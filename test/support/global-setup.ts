// Starts one DynamoDB and one SQS emulator for the whole run, on free loopback ports; test files create
// their own uniquely named tables and queues in them.
import type { TestProject } from 'vitest/node';
import { startDynamoDb, startSqs } from '../../local/emulators.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    sqsEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const dynamodb = await startDynamoDb();
  const sqs = await startSqs();
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  project.provide('sqsEndpoint', sqs.endpoint);
  return async () => {
    await Promise.all([dynamodb.stop(), sqs.stop()]);
  };
}

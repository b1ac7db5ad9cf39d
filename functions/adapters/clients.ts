// Shared AWS SDK clients, built on first use. Endpoints, region and credentials come from the SDK's standard
// configuration (AWS_ENDPOINT_URL_DYNAMODB, AWS_REGION, ...), so the same code talks to AWS or to an emulator.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';

let dynamo: DynamoDBClient | undefined;
let sqs: SQSClient | undefined;

export function dynamoClient(): DynamoDBClient {
  dynamo ??= new DynamoDBClient({});
  return dynamo;
}

export function sqsClient(): SQSClient {
  // The configured endpoint wins over the host inside a queue URL; in AWS the two agree, and emulators
  // hand out URLs whose host names need not resolve.
  sqs ??= new SQSClient({ useQueueUrlAsEndpoint: false });
  return sqs;
}

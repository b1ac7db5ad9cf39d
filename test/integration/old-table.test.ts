// A `.hotline/` folder written by the version before the item-collection record: `npm start` stops with what to do
// instead of failing on the first query (the emulator cannot add indexes to a table it has).
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ensureCaseTable } from '#local/resources.ts';
import { useEmulatedAws } from '../support/emulated-aws.ts';

describe('a table made by the version before', () => {
  it('stops the runtime with what to do', async () => {
    const aws = await useEmulatedAws();
    const old = `${aws.tableName}-old`;
    const index = (name: string, pk: string, sk: string) => ({
      IndexName: name,
      KeySchema: [
        { AttributeName: pk, KeyType: 'HASH' as const },
        { AttributeName: sk, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'KEYS_ONLY' as const },
    });
    // The previous version's indexes: byAssignee, byDue, bySubject, byChannel.
    await aws.dynamo.send(
      new CreateTableCommand({
        TableName: old,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ['pk', 'sk', 'assigneeKey', 'assigneeOrder', 'dueShard', 'dueOrder'].map(
          (name) => ({
            AttributeName: name,
            AttributeType: 'S' as const,
          }),
        ),
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          index('byAssignee', 'assigneeKey', 'assigneeOrder'),
          index('byDue', 'dueShard', 'dueOrder'),
        ],
      }),
    );
    await expect(ensureCaseTable(aws.dynamo, old)).rejects.toThrow(
      /older version and lacks the index byStatus, byOpen.*delete its data \(\.hotline\/dynamodb/s,
    );
  });
});

// The case table: keys, indexes and protections from the catalog's spec; grants by operation.
import { Template } from 'aws-cdk-lib/assertions';
import { AccountRootPrincipal, Role } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { caseTable } from '../../functions/catalog.ts';
import { CaseTable } from '../../lib/case-table.ts';
import { newStack, resourcesOf } from './support.ts';

describe('CaseTable', () => {
  it("is on demand, with point-in-time recovery, deletion protection, retention, TTL and the catalog's indexes", () => {
    const stack = newStack();
    new CaseTable(stack, 'Cases', { spec: caseTable });
    const template = Template.fromStack(stack);
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    const [[, table] = []] = resourcesOf(template, 'AWS::DynamoDB::GlobalTable');
    expect(table?.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: caseTable.partitionKey, KeyType: 'HASH' },
        { AttributeName: caseTable.sortKey, KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: caseTable.timeToLiveAttribute, Enabled: true },
      Replicas: [
        expect.objectContaining({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
        }),
      ],
    });
    const indexes = table?.Properties.GlobalSecondaryIndexes as {
      IndexName: keyof typeof caseTable.indexes;
      Projection: { ProjectionType: string; NonKeyAttributes: string[] };
    }[];
    expect(indexes.map((i) => i.IndexName).sort()).toEqual(Object.keys(caseTable.indexes).sort());
    for (const index of indexes) {
      expect(index.Projection.ProjectionType).toBe('INCLUDE');
      expect(index.Projection.NonKeyAttributes).toEqual(caseTable.indexes[index.IndexName].attributes);
      expect(index.Projection.NonKeyAttributes).not.toContain('sealedContact');
    }
  });

  it('grants exactly the actions asked for, on the table and its indexes', () => {
    const stack = newStack();
    const cases = new CaseTable(stack, 'Cases', { spec: caseTable });
    const role = new Role(stack, 'Reader', { assumedBy: new AccountRootPrincipal() });
    cases.grantActions(role, ['dynamodb:GetItem']);
    const statements = Template.fromStack(stack).toJSON().Resources;
    const policy = Object.values(statements).find(
      (r) => (r as { Type: string }).Type === 'AWS::IAM::Policy',
    ) as {
      Properties: { PolicyDocument: { Statement: { Action: unknown; Resource: unknown }[] } };
    };
    const [statement] = policy.Properties.PolicyDocument.Statement;
    expect(statement?.Action).toBe('dynamodb:GetItem');
    expect(JSON.stringify(statement?.Resource)).toContain('/index/*');
  });

  it('refuses an empty grant or an action of another service', () => {
    const stack = newStack();
    const cases = new CaseTable(stack, 'Cases', { spec: caseTable });
    const role = new Role(stack, 'Reader', { assumedBy: new AccountRootPrincipal() });
    expect(() => cases.grantActions(role, [])).toThrow(/at least one action/);
    expect(() => cases.grantActions(role, ['dynamodb:*'])).toThrow(/not a DynamoDB action/);
    expect(() => cases.grantActions(role, ['s3:GetObject'])).toThrow(/not a DynamoDB action/);
  });

  it('refuses an index that projects nothing', () => {
    const spec = {
      ...caseTable,
      indexes: { ...caseTable.indexes, byDue: { ...caseTable.indexes.byDue, attributes: [] } },
    };
    expect(() => new CaseTable(newStack(), 'Cases', { spec })).toThrow(/byDue projects no attribute/);
  });
});

// The one DynamoDB table of cases, shaped by the catalog's table spec; functions are granted operations on it one
// by one, never a read or write bundle.
import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Grant, IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { TableSpec } from '../functions/catalog.ts';
import { caseTableProps } from './defaults.ts';

export interface CaseTableProps {
  /** Keys, time-to-live attribute and indexes. */
  readonly spec: TableSpec;
}

export class CaseTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: CaseTableProps) {
    super(scope, id);
    const { spec } = props;
    for (const [name, index] of Object.entries(spec.indexes)) {
      if (index.attributes.length === 0) throw new Error(`index ${name} projects no attribute`);
    }
    // 'Default' keeps the table's logical id from before this construct: a new id would mean a new, empty table.
    this.table = new TableV2(this, 'Default', caseTableProps(spec));
  }

  /**
   * Grants exactly these DynamoDB actions on the table and its indexes. The grant names index ARNs as
   * `<table>/index/*`, which cdk-nag reports as a wildcard; it is acknowledged here, on the grantee, beside its cause.
   */
  grantActions(grantee: IGrantable, actions: readonly string[]): Grant {
    if (actions.length === 0) throw new Error('a table grant needs at least one action');
    const bad = actions.find((action) => !/^dynamodb:[A-Za-z]+$/.test(action));
    if (bad !== undefined) throw new Error(`not a DynamoDB action: ${bad}`);
    const grant = this.table.grant(grantee, ...actions);
    const tableId = Stack.of(this).resolve((this.table.node.defaultChild as CfnElement).logicalId) as string;
    const principal = grantee.grantPrincipal;
    if (Construct.isConstruct(principal)) {
      Validations.of(principal).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`,
        reason:
          "Queries go through the case table's own indexes (byAssignee, byDue, bySubject); the grant names this table only, and only the operations the catalog declares.",
      });
    }
    return grant;
  }
}

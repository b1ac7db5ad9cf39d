// The investigators' identities: a Cognito user pool with the console's groups and app client, and the JWT
// authorizer that verifies their tokens before a route's function runs. Created only when a route needs it.
import { Validations } from 'aws-cdk-lib';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { UserPool, type UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { consoleClientProps, INVESTIGATOR_GROUPS, investigatorPoolProps } from './defaults.ts';

export interface InvestigatorPoolProps {
  /** Groups an administrator puts investigators in; the console and the cases API read `cognito:groups`. @default INVESTIGATOR_GROUPS */
  readonly groups?: readonly string[];
}

export class InvestigatorPool extends Construct {
  readonly userPool: UserPool;
  readonly consoleClient: UserPoolClient;
  /** Verifies the console's tokens (signature, expiry, audience = the console client). */
  readonly authorizer: HttpUserPoolAuthorizer;

  constructor(scope: Construct, id: string, props: InvestigatorPoolProps = {}) {
    super(scope, id);
    const groups = props.groups ?? INVESTIGATOR_GROUPS;
    if (new Set(groups).size !== groups.length) throw new Error('investigator groups must be distinct');

    this.userPool = new UserPool(this, 'Default', investigatorPoolProps());
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional so that an administrator-created investigator can sign in once and enrol a TOTP device from the console; Plus-tier threat protection (full function) still challenges or blocks risky sign-ins.',
    });
    for (const group of groups) {
      this.userPool.addGroup(`Group-${group}`, {
        groupName: group,
        description: `Sunshine Hotline ${group}s`,
      });
    }
    this.consoleClient = this.userPool.addClient('ConsoleClient', consoleClientProps());
    this.authorizer = new HttpUserPoolAuthorizer('InvestigatorAuthorizer', this.userPool, {
      userPoolClients: [this.consoleClient],
    });
  }
}

// The investigators' identities: a Cognito user pool with the console's groups, its hosted sign-in (managed login
// on a Cognito domain) and OAuth app client, and the JWT authorizer that verifies their tokens before a route's
// function runs. Created only when a route needs it.
import { CfnOutput, Stack, Validations } from 'aws-cdk-lib';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import {
  CfnManagedLoginBranding,
  ManagedLoginVersion,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import {
  AUTH_DOMAIN_PREFIX_CONTEXT,
  checkAuthDomainPrefix,
  consoleClientProps,
  defaultAuthDomainPrefix,
  INVESTIGATOR_GROUPS,
  investigatorPoolProps,
} from './defaults.ts';

export interface InvestigatorPoolProps {
  /** The console's address (`<publicUrl>/console/`): the hosted sign-in returns there after sign-in and sign-out. */
  readonly consoleUrl: string;
  /** Groups an administrator puts investigators in; the console and the cases API read `cognito:groups`. @default INVESTIGATOR_GROUPS */
  readonly groups?: readonly string[];
  /**
   * The hosted sign-in's domain prefix. @default the `authDomainPrefix` context value, else
   * defaultAuthDomainPrefix(stack name, account)
   */
  readonly domainPrefix?: string;
}

export class InvestigatorPool extends Construct {
  readonly userPool: UserPool;
  readonly consoleClient: UserPoolClient;
  /** The hosted sign-in (managed login) at `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly domain: UserPoolDomain;
  /** Where the hosted sign-in returns to. */
  readonly consoleUrl: string;
  /** Verifies the console's tokens (signature, expiry, audience = the console client). */
  readonly authorizer: HttpUserPoolAuthorizer;

  constructor(scope: Construct, id: string, props: InvestigatorPoolProps) {
    super(scope, id);
    const groups = props.groups ?? INVESTIGATOR_GROUPS;
    if (new Set(groups).size !== groups.length) throw new Error('investigator groups must be distinct');
    this.consoleUrl = props.consoleUrl;

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
    this.consoleClient = this.userPool.addClient('ConsoleClient', consoleClientProps(props.consoleUrl));

    const stack = Stack.of(this);
    const domainPrefix =
      props.domainPrefix ??
      contextString(this, AUTH_DOMAIN_PREFIX_CONTEXT) ??
      defaultAuthDomainPrefix(stack.stackName, stack.account);
    checkAuthDomainPrefix(domainPrefix);
    this.domain = this.userPool.addDomain('SignIn', {
      cognitoDomain: { domainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // Managed login shows an app client's pages only once the client has a style: Cognito's own look will do.
    const style = new CfnManagedLoginBranding(this, 'ConsoleSignInStyle', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.consoleClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    style.node.addDependency(this.domain);

    this.authorizer = new HttpUserPoolAuthorizer('InvestigatorAuthorizer', this.userPool, {
      userPoolClients: [this.consoleClient],
    });

    new CfnOutput(this, 'SignInDomain', {
      value: this.domain.baseUrl(),
      description: "Hosted sign-in of the investigators' console (the console sends people here to sign in)",
    }).overrideLogicalId('InvestigatorSignInDomain');
  }
}

/** A context value given with `-c name=value`, or undefined when absent or empty. */
function contextString(scope: Construct, name: string): string | undefined {
  const value: unknown = scope.node.tryGetContext(name);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`context ${name} must be a string`);
  return value;
}

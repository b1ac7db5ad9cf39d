// The investigators' user pool: made by administrators, MFA by TOTP, groups, a directory person per account that an
// administrator sets once, the console's OAuth client, its hosted sign-in domain, and the authorizer.

import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  checkAuthDomainPrefix,
  consoleUrlOf,
  defaultAuthDomainPrefix,
  INVESTIGATOR_GROUPS,
} from '../../lib/defaults.ts';
import { InvestigatorPool, type InvestigatorPoolProps } from '../../lib/investigator-pool.ts';
import { logicalIdOf, newApp, newStack, resourcesOf, synth } from './support.ts';

const CONSOLE_URL = 'https://hotline.example.org/console/';

function build(props: Partial<InvestigatorPoolProps> = {}, stack = newStack()) {
  const pool = new InvestigatorPool(stack, 'Investigators', { consoleUrl: CONSOLE_URL, ...props });
  return { stack, pool, template: Template.fromStack(stack) };
}

describe('InvestigatorPool', () => {
  it('lets only administrators create accounts, with optional TOTP MFA and strong passwords', () => {
    const { template } = build();
    template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain' });
    const [[, pool] = []] = resourcesOf(template, 'AWS::Cognito::UserPool');
    expect(pool?.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      DeletionProtection: 'ACTIVE',
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      Policies: {
        PasswordPolicy: expect.objectContaining({
          MinimumLength: 12,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
    });
  });

  it('links each account to a directory person by a personId attribute that never changes once set', () => {
    const { template } = build();
    const [[, pool] = []] = resourcesOf(template, 'AWS::Cognito::UserPool');
    expect(pool?.Properties.Schema).toContainEqual(
      expect.objectContaining({
        Name: 'personId',
        AttributeDataType: 'String',
        Mutable: false,
        StringAttributeConstraints: { MinLength: '1', MaxLength: '80' },
      }),
    );
    // The earlier bodyId stays declared (Cognito cannot remove a custom attribute from a pool); nothing reads it.
    expect(pool?.Properties.Schema).toContainEqual(expect.objectContaining({ Name: 'bodyId' }));
  });

  it('has the investigator, supervisor and admin groups', () => {
    const { template } = build();
    const groups = resourcesOf(template, 'AWS::Cognito::UserPoolGroup').map(
      ([, g]) => g.Properties.GroupName,
    );
    expect(groups.sort()).toEqual([...INVESTIGATOR_GROUPS].sort());
    expect(groups.sort()).toEqual(['admin', 'investigator', 'supervisor']);
  });

  it('has a public console client that reads custom:personId but can never write it, and no longer sees bodyId', () => {
    const { template } = build();
    const [[, client] = []] = resourcesOf(template, 'AWS::Cognito::UserPoolClient');
    expect(client?.Properties).toMatchObject({
      GenerateSecret: false,
      PreventUserExistenceErrors: 'ENABLED',
      ExplicitAuthFlows: expect.arrayContaining(['ALLOW_USER_SRP_AUTH']),
    });
    expect(client?.Properties.ReadAttributes).toContain('custom:personId');
    expect(client?.Properties.WriteAttributes).not.toContain('custom:personId');
    expect(client?.Properties.ReadAttributes).not.toContain('custom:bodyId');
  });

  it('authorizes with JWTs of its console client', () => {
    const { pool } = build();
    expect(pool.authorizer.authorizationType).toBe('JWT');
  });

  it('refuses a group named twice', () => {
    expect(() => build({ groups: ['admin', 'admin'] })).toThrow(/distinct/);
  });
});

describe("the console's hosted sign-in", () => {
  it('makes the console client a public OAuth client: code grant only, OpenID scopes, back to the console', () => {
    const { template } = build();
    const [[, client] = []] = resourcesOf(template, 'AWS::Cognito::UserPoolClient');
    expect(client?.Properties).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      CallbackURLs: [CONSOLE_URL],
      LogoutURLs: [CONSOLE_URL],
      SupportedIdentityProviders: ['COGNITO'],
    });
    expect([...((client?.Properties.AllowedOAuthScopes ?? []) as string[])].sort()).toEqual([
      'email',
      'openid',
      'profile',
    ]);
  });

  it('gives the pool a Cognito domain with managed login, and the console client a style so its pages show', () => {
    const { pool, template } = build({ domainPrefix: 'sunshine-hotline-test' });
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'sunshine-hotline-test',
      UserPoolId: { Ref: logicalIdOf(pool.userPool) },
      ManagedLoginVersion: 2,
    });
    template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      UserPoolId: { Ref: logicalIdOf(pool.userPool) },
      ClientId: { Ref: logicalIdOf(pool.consoleClient) },
      UseCognitoProvidedValues: true,
    });
  });

  it('outputs the hosted sign-in address', () => {
    const { pool, template } = build({ domainPrefix: 'sunshine-hotline-test' });
    const output = template.findOutputs('InvestigatorSignInDomain').InvestigatorSignInDomain;
    const value = JSON.stringify(output?.Value);
    expect(value).toContain('https://');
    expect(value).toContain(logicalIdOf(pool.domain));
    expect(value).toContain('.auth.');
    expect(value).toContain('.amazoncognito.com');
  });

  it('takes the prefix from the authDomainPrefix context, else derives it from the stack name and account', () => {
    const fromContext = new Stack(newApp({ authDomainPrefix: 'district-cdi-hotline' }), 'Test');
    build({}, fromContext).template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'district-cdi-hotline',
    });
    const deployed = new Stack(newApp(), 'SunshineHotline', {
      env: { account: '123456789012', region: 'eu-west-1' },
    });
    build({}, deployed).template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'sunshine-hotline-123456789012',
    });
    const agnostic = new Stack(newApp(), 'SunshineHotline');
    build({}, agnostic).template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['', ['sunshine-hotline-', { Ref: 'AWS::AccountId' }]] },
    });
  });

  it('derives valid prefixes and refuses invalid ones before CloudFormation would', () => {
    expect(defaultAuthDomainPrefix('SunshineHotline', '123456789012')).toBe('sunshine-hotline-123456789012');
    expect(defaultAuthDomainPrefix('AwsCognitoStack', '123456789012')).toBe('stack-123456789012');
    expect(defaultAuthDomainPrefix('--', '123456789012')).toBe('hotline-123456789012');
    const long = defaultAuthDomainPrefix('A'.repeat(200), '123456789012');
    expect(() => checkAuthDomainPrefix(long)).not.toThrow();
    for (const bad of ['Upper', '-edge', 'edge-', 'my_pool', 'my-aws-pool', 'amazon', 'x'.repeat(64), '']) {
      expect(() => checkAuthDomainPrefix(bad), bad).toThrow(/auth domain prefix/);
    }
    expect(() => build({ domainPrefix: 'My Pool' })).toThrow(/auth domain prefix/);
  });

  it('returns to <publicUrl>/console/, over HTTPS', () => {
    expect(consoleUrlOf('https://hotline.example.org')).toBe('https://hotline.example.org/console/');
    expect(consoleUrlOf('https://hotline.example.org/')).toBe('https://hotline.example.org/console/');
    expect(consoleUrlOf('https://example.org/hotline')).toBe('https://example.org/hotline/console/');
    expect(consoleUrlOf('http://localhost:3000')).toBe('http://localhost:3000/console/');
    expect(() => consoleUrlOf('http://hotline.example.org')).toThrow(/https/);
    expect(() => consoleUrlOf('https://hotline.example.org/?a=1')).toThrow(/query/);
    expect(() => consoleUrlOf('not a url')).toThrow(/https/);
  });

  it("in the stack, returns to the API's own URL unless a public URL is given, and tells the console", () => {
    const clientOf = (template: Template) => resourcesOf(template, 'AWS::Cognito::UserPoolClient')[0]?.[1];
    const { stack, template } = synth();
    const callback = JSON.stringify(clientOf(template)?.Properties.CallbackURLs);
    expect(callback).toContain(logicalIdOf(stack.api.api));
    expect(callback).toContain('/console/');
    const given = synth({ publicUrl: 'https://hotline.example.org/' });
    expect(clientOf(given.template)?.Properties.CallbackURLs).toEqual([CONSOLE_URL]);

    // console-pages gets the hosted sign-in as its HOTLINE_SIGN_IN setting.
    const pages = given.stack.functions['console-pages'];
    if (pages === undefined) throw new Error('no console-pages function');
    const [[, fn] = []] = resourcesOf(given.template, 'AWS::Lambda::Function').filter(
      ([id]) => id === logicalIdOf(pages.function),
    );
    const environment = fn?.Properties.Environment as { Variables: Record<string, unknown> } | undefined;
    const setting = JSON.stringify(environment?.Variables.HOTLINE_SIGN_IN);
    const pool = given.stack.userPool;
    if (pool === undefined) throw new Error('no user pool');
    for (const part of [
      '\\"signIn\\":\\"cognito\\"',
      logicalIdOf(pool.domain),
      logicalIdOf(pool.consoleClient),
      CONSOLE_URL,
    ]) {
      expect(setting).toContain(part);
    }
  });
});

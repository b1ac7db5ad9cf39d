// The investigators' user pool: made by administrators, MFA by TOTP, groups, a body per investigator that only an
// administrator can change, and the console's client and authorizer.
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { INVESTIGATOR_GROUPS } from '../../lib/defaults.ts';
import { InvestigatorPool } from '../../lib/investigator-pool.ts';
import { newStack, resourcesOf } from './support.ts';

function build() {
  const stack = newStack();
  const pool = new InvestigatorPool(stack, 'Investigators');
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

  it('gives each investigator a bodyId attribute, which tokens carry as custom:bodyId', () => {
    const { template } = build();
    const [[, pool] = []] = resourcesOf(template, 'AWS::Cognito::UserPool');
    expect(pool?.Properties.Schema).toContainEqual(
      expect.objectContaining({ Name: 'bodyId', AttributeDataType: 'String', Mutable: true }),
    );
  });

  it('has the investigator, supervisor and admin groups', () => {
    const { template } = build();
    const groups = resourcesOf(template, 'AWS::Cognito::UserPoolGroup').map(
      ([, g]) => g.Properties.GroupName,
    );
    expect(groups.sort()).toEqual([...INVESTIGATOR_GROUPS].sort());
    expect(groups.sort()).toEqual(['admin', 'investigator', 'supervisor']);
  });

  it('has a public console client that reads custom:bodyId but can never write it', () => {
    const { template } = build();
    const [[, client] = []] = resourcesOf(template, 'AWS::Cognito::UserPoolClient');
    expect(client?.Properties).toMatchObject({
      GenerateSecret: false,
      PreventUserExistenceErrors: 'ENABLED',
      ExplicitAuthFlows: expect.arrayContaining(['ALLOW_USER_SRP_AUTH']),
    });
    expect(client?.Properties.ReadAttributes).toContain('custom:bodyId');
    expect(client?.Properties.WriteAttributes).not.toContain('custom:bodyId');
  });

  it('authorizes with JWTs of its console client', () => {
    const { pool } = build();
    expect(pool.authorizer.authorizationType).toBe('JWT');
  });

  it('refuses a group named twice', () => {
    expect(() => new InvestigatorPool(newStack(), 'P', { groups: ['admin', 'admin'] })).toThrow(/distinct/);
  });
});

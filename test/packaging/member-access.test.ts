import { describe, expect, it } from 'vitest';
import { loadStageConfig } from '../../functions/playbooks.ts';
import { Accounts } from '../../functions/shared/accounts/config.ts';
import { ConfigError } from '../../functions/shared/errors/errors.ts';
import {
  allow,
  atHome,
  auditTrail,
  HOME_REGION,
  type IamStatement,
  inAccount,
  isHomeOnly,
  listReports,
  publishReport,
  reportsObjects,
} from '../../functions/shared/playbook/iam.ts';
import { homeBusPolicy } from '../../serverless/home-bus.ts';
import { memberStatements, trustedRolePatterns } from '../../serverless/member-access.ts';
import { memberTemplate } from '../../serverless/member-template.ts';
import { type FunctionDecl, type ServiceDecl, serviceDeclaration } from '../../serverless/service.ts';

const config = loadStageConfig({ stage: 'dev' });
const PREFIX = 'idp-autopilot-dev-us-east-1-';

/** The dev service with only these functions (key, where it acts, its statements). */
function serviceWith(functions: { key: string; actsIn?: 'target'; iam?: IamStatement[] }[]): ServiceDecl {
  const base = serviceDeclaration(config, 'dev');
  const decls = functions.map(
    (fn) =>
      ({
        key: fn.key,
        roleName: `${PREFIX}${fn.key}`,
        actsIn: fn.actsIn ?? 'home',
        iamRoleStatements: fn.iam ?? [],
      }) as FunctionDecl,
  );
  return { ...base, functions: Object.fromEntries(decls.map((decl) => [decl.key, decl])) };
}

describe('home-only IAM statements (functions/shared/playbook/iam.ts)', () => {
  it("marks statements on the reports bucket, the topic, the audit bus and the stack's region, invisibly", () => {
    const home = [
      auditTrail,
      ...publishReport,
      listReports('work/x/*'),
      allow(['s3:GetObject'], reportsObjects('cases/*')),
      allow(['secretsmanager:DescribeSecret'], inAccount('secretsmanager', 'secret:x/*', HOME_REGION)),
      atHome(allow(['organizations:ListParents'], 'arn:aws:organizations::*:ou/o-*/ou-*')),
    ];
    for (const statement of home) {
      expect(isHomeOnly(statement), statement.Action.join()).toBe(true);
      // CloudFormation sees the statement's own fields only.
      expect(
        Object.keys(statement).filter((key) => !['Effect', 'Action', 'Resource', 'Condition'].includes(key)),
      ).toEqual([]);
    }
  });

  it('leaves statements on what a member account also has unmarked', () => {
    expect(isHomeOnly(allow(['ec2:DescribeInstances'], '*'))).toBe(false);
    expect(isHomeOnly(allow(['ec2:CreateTags'], inAccount('ec2', 'instance/*')))).toBe(false);
    expect(isHomeOnly(allow(['iam:GetRole'], inAccount('iam', 'role/*', '')))).toBe(false);
  });

  it('refuses a statement that mixes home resources with others', () => {
    expect(() => allow(['s3:GetObject'], [reportsObjects('cases/*'), 'arn:aws:s3:::elsewhere/*'])).toThrow(/split it/);
  });
});

describe('the member role generator (serverless/member-access.ts)', () => {
  it('refuses a member statement naming a home resource that lost its mark, naming the step', () => {
    const copied = { ...allow(['s3:GetObject'], reportsObjects('cases/*')) };
    const service = serviceWith([{ key: 'stepA', actsIn: 'target', iam: [copied] }]);
    expect(() => memberStatements(service, config, 'CreateMemberRole')).toThrow(/stepA.*ReportsBucket/);
  });

  it("refuses a member statement on the stack's region, which a member stack would read as its own", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub placeholder
    const regional = allow(['ssm:GetParameter'], { 'Fn::Sub': 'arn:aws:ssm:${AWS::Region}:${AWS::AccountId}:x' });
    const service = serviceWith([{ key: 'stepA', actsIn: 'target', iam: [regional] }]);
    expect(() => memberStatements(service, config, 'CreateMemberRole')).toThrow(/AWS::Region/);
  });

  it('merges statements on the same resources and leaves out the home-only ones', () => {
    const service = serviceWith([
      { key: 'stepA', actsIn: 'target', iam: [allow(['ec2:DescribeVolumes'], '*'), auditTrail] },
      { key: 'stepB', actsIn: 'target', iam: [allow(['ec2:DescribeInstances', 'ec2:DescribeVolumes'], '*')] },
      { key: 'stepC', iam: [allow(['ec2:DeleteVolume'], '*')] },
    ]);
    expect(memberStatements(service, config, 'CreateMemberRole').statements).toEqual([
      { Effect: 'Allow', Action: ['ec2:DescribeInstances', 'ec2:DescribeVolumes'], Resource: '*' },
    ]);
  });

  it('trusts by wildcard only where a word prefix stands for several acting roles and for no other role', () => {
    const acting = [
      { key: 'revokeAssess', actsIn: 'target' as const },
      { key: 'revokeDenyUser', actsIn: 'target' as const },
      { key: 'containGate', actsIn: 'target' as const },
      { key: 'containApproval' },
    ];
    expect(trustedRolePatterns(serviceWith(acting))).toEqual([`${PREFIX}containGate`, `${PREFIX}revoke*`]);
    expect(trustedRolePatterns(serviceWith([...acting, { key: 'revokeReport' }]))).toEqual([
      `${PREFIX}containGate`,
      `${PREFIX}revokeAssess`,
      `${PREFIX}revokeDenyUser`,
    ]);
  });

  it('asks for no external ID when config sets none', () => {
    expect(config.accounts.externalId).toBeUndefined();
    const template = memberTemplate(serviceDeclaration(config, 'dev'), config);
    expect(template.Parameters.ExternalId).toBeUndefined();
    const trust = (template.Resources.MemberRole.Properties.AssumeRolePolicyDocument as any).Statement[0];
    expect(Object.keys(trust.Condition)).toEqual(['ArnLike']);
  });
});

describe("the home bus's policy (serverless/home-bus.ts)", () => {
  const accounts = (value: unknown) => ({ accounts: Accounts.parse(value) });
  const SOURCES = ['aws.cloudwatch', 'aws.guardduty'];
  const ofSources = { 'ForAllValues:StringEquals': { 'events:source': SOURCES } };

  it('adds nothing when no member account is configured', () => {
    expect(homeBusPolicy(accounts({}), 'dev', SOURCES)).toEqual({ Resources: {} });
  });

  it('accepts the forwarded sources from exactly the listed member accounts, exempt ones included, each once', () => {
    const { Resources } = homeBusPolicy(
      accounts({
        members: [{ id: '345678901234', exempt: true }, { id: '210987654321' }, { id: '210987654321', name: 'again' }],
      }),
      'prod',
      SOURCES,
    );
    expect(Object.keys(Resources)).toEqual(['HomeBusAcceptsMembers']);
    expect((Resources.HomeBusAcceptsMembers as any).Properties).toMatchObject({
      EventBusName: 'default',
      StatementId: 'idp-autopilot-prod-members',
      Statement: {
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::210987654321:root', 'arn:aws:iam::345678901234:root'] },
        Action: 'events:PutEvents',
        Condition: ofSources,
      },
    });
  });

  it("accepts the forwarded sources from the organization's accounts by its id", () => {
    const { Resources } = homeBusPolicy(
      accounts({ organization: { id: 'o-abcdef1234', ouIds: ['r-ab12'] } }),
      'dev',
      SOURCES,
    );
    expect(Object.keys(Resources)).toEqual(['HomeBusAcceptsOrganization']);
    expect((Resources.HomeBusAcceptsOrganization as any).Properties.Statement).toMatchObject({
      Principal: '*',
      Action: 'events:PutEvents',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdef1234' }, ...ofSources },
    });
  });

  it('refuses to package an organization without its id, naming the key', () => {
    expect(() => homeBusPolicy(accounts({ organization: { ouIds: ['r-ab12'] } }), 'dev', SOURCES)).toThrow(ConfigError);
    expect(() => homeBusPolicy(accounts({ organization: { ouIds: ['r-ab12'] } }), 'dev', SOURCES)).toThrow(
      /accounts\.organization\.id/,
    );
  });
});

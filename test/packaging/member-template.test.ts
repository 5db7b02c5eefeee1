import { describe, expect, it } from 'vitest';
import { policyLength } from '../../serverless/member-access.ts';
import { INLINE_POLICIES_MAX, TRUST_POLICY_MAX } from '../../serverless/member-template.ts';
import { arnLike, deployedAt, resolveSub } from '../support/member-template.ts';
import { memberActionsOfFunction } from '../support/source-commands.ts';
import { packagedMemberTemplate, packagedService, packagedTemplate } from '../support/template.ts';

// The suite's package (test/support/package-once.ts): stage longest-stage-16, home ap-southeast-1, one listed member,
// an organization and an external ID (test/support/longest-names.yml).
const { config, service } = packagedService();
const home = packagedTemplate();
const member = packagedMemberTemplate();
const HOME_ACCOUNT = '123456789012';
const MEMBER_ACCOUNT = '210987654321';
const params = { HomeAccountId: HOME_ACCOUNT, HomeRegion: service.region };

interface Statement {
  Effect: string;
  Action: string[];
  Resource: unknown;
  Condition?: unknown;
}
const memberRole = member.Resources.MemberRole.Properties as Record<string, any>;
const memberPolicy: Statement[] = memberRole.Policies.flatMap(
  (policy: { PolicyDocument: { Statement: Statement[] } }) => policy.PolicyDocument.Statement,
);
const trust = memberRole.AssumeRolePolicyDocument.Statement;
const acting = Object.values(service.functions).filter((fn) => fn.actsIn === 'target');
const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

describe('the member role of the member-account template', () => {
  it('allows exactly the actions the steps acting in member accounts send there (read from their source)', () => {
    expect(acting.length).toBeGreaterThan(10);
    const sent = acting.flatMap((fn) => [...memberActionsOfFunction(fn.modulePath)]);
    expect(sorted(memberPolicy.flatMap((statement) => statement.Action))).toEqual(sorted(sent));
  });

  it("allows each acting step's member actions on the resources and conditions its home role names", () => {
    for (const fn of acting) {
      const sent = memberActionsOfFunction(fn.modulePath);
      for (const statement of fn.iamRoleStatements.filter((one) => one.Action.some((action) => sent.has(action)))) {
        const same = memberPolicy.find(
          (candidate) =>
            JSON.stringify([candidate.Resource, candidate.Condition]) ===
            JSON.stringify([statement.Resource, statement.Condition]),
        );
        expect(same?.Action, `${fn.key}: ${statement.Action.join(', ')}`).toEqual(
          expect.arrayContaining(statement.Action),
        );
      }
    }
  });

  it("names none of the home stack's resources and nothing sent only from home", () => {
    const text = JSON.stringify(memberPolicy);
    for (const home of ['ReportsBucket', 'NotificationTopic', 'AWS::Region', 'event-bus', 'secretsmanager', 'ssm:']) {
      expect(text).not.toContain(home);
    }
    const actions = memberPolicy.flatMap((statement) => statement.Action);
    expect(actions.filter((action) => /^(sts|organizations|s3|sns|events|states):/.test(action))).toEqual([]);
  });

  it('lets only the acting steps of the home stack assume the member role, within the trust policy quota', () => {
    expect(trust).toHaveLength(1);
    expect(resolveSub(trust[0].Principal.AWS, params)).toBe(`arn:aws:iam::${HOME_ACCOUNT}:root`);
    const patterns = (trust[0].Condition.ArnLike['aws:PrincipalArn'] as unknown[]).map((arn) =>
      resolveSub(arn, params),
    );
    for (const fn of Object.values(service.functions)) {
      const logicalId = `${fn.key.charAt(0).toUpperCase()}${fn.key.slice(1)}IamRoleLambdaExecution`;
      const role = home.Resources[logicalId].Properties;
      expect(role.RoleName, logicalId).toBe(fn.roleName);
      const trusted = patterns.some((pattern) => arnLike(pattern, `arn:aws:iam::${HOME_ACCOUNT}:role/${fn.roleName}`));
      // Cross-account, the caller's own policy must allow sts:AssumeRole too: a trusted role without it cannot.
      const mayAssume = (role.Policies as { PolicyDocument: { Statement: Statement[] } }[])
        .flatMap((policy) => policy.PolicyDocument.Statement)
        .some((statement) => [statement.Action].flat().includes('sts:AssumeRole'));
      expect(trusted && mayAssume, fn.key).toBe(fn.actsIn === 'target');
    }
    expect(policyLength(memberRole.AssumeRolePolicyDocument)).toBeLessThanOrEqual(TRUST_POLICY_MAX);
  });

  it('requires the external ID config names, given as a hidden parameter', () => {
    expect(config.accounts.externalId).toBeDefined();
    expect(trust[0].Condition.StringEquals).toEqual({ 'sts:ExternalId': { Ref: 'ExternalId' } });
    expect(member.Parameters.ExternalId).toMatchObject({ Type: 'String', NoEcho: true, MinLength: 2 });
    expect(memberRole.RoleName).toBe(config.accounts.memberRoleName);
  });

  it("stays within IAM's default policy sizes at the longest names", () => {
    expect(policyLength(memberRole.AssumeRolePolicyDocument)).toBeLessThanOrEqual(TRUST_POLICY_MAX);
    const inline = memberRole.Policies.reduce(
      (sum: number, policy: { PolicyDocument: unknown }) => sum + policyLength(policy.PolicyDocument),
      0,
    );
    expect(inline).toBeLessThanOrEqual(INLINE_POLICIES_MAX);
  });

  it("brings contain-instance's deny-all quarantine profile, as the home stack declares it, for iam:PassRole", () => {
    for (const id of ['ContainInstanceQuarantineRole', 'ContainInstanceQuarantineProfile']) {
      expect(member.Resources[id].Properties, id).toEqual(home.Resources[id].Properties);
      expect(member.Resources[id].Condition).toBe('CreateMemberRole');
    }
  });
});

describe('the forwarding rules of the member-account template', () => {
  const rules = Object.values(member.Resources).filter((resource) => resource.Type === 'AWS::Events::Rule');
  const homeBus = `arn:aws:events:${service.region}:${HOME_ACCOUNT}:event-bus/default`;

  it("carry exactly the home stack rules' patterns on AWS services' events, none on autopilot's own or its state machines'", () => {
    const homePatterns = Object.values(home.Resources)
      .filter((resource) => resource.Type === 'AWS::Events::Rule')
      .map((rule) => rule.Properties.EventPattern as { source: string[] });
    // Step Functions status changes concern the home stack's own state machines: members have none to forward.
    const onAws = homePatterns.filter(
      (pattern) =>
        pattern.source.every((source) => source.startsWith('aws.')) && !pattern.source.includes('aws.states'),
    );
    expect(onAws.length).toBeLessThan(homePatterns.length);
    expect(rules.map((rule) => JSON.stringify(rule.Properties.EventPattern)).sort()).toEqual(
      sorted(onAws.map((pattern) => JSON.stringify(pattern))),
    );
    const sources = rules.flatMap((rule) => (rule.Properties.EventPattern as { source: string[] }).source);
    expect(sorted(sources)).toEqual(['aws.cloudwatch', 'aws.guardduty']);
  });

  it("send to the home account's default bus in the home region through a role that may only put events there", () => {
    const forward = member.Resources.ForwardRole.Properties as Record<string, any>;
    for (const rule of rules) {
      const [target] = rule.Properties.Targets as { Arn: unknown; RoleArn: { 'Fn::If': unknown[] } }[];
      expect(resolveSub(target.Arn, params)).toBe(homeBus);
      expect(rule.Properties.State).toBe('ENABLED');
      // The role region's instance names the role it creates; the others name it by its ARN.
      const [condition, here, elsewhere] = target.RoleArn['Fn::If'];
      expect([condition, here]).toEqual(['InRoleRegion', { 'Fn::GetAtt': ['ForwardRole', 'Arn'] }]);
      expect(resolveSub(elsewhere, { 'AWS::AccountId': MEMBER_ACCOUNT })).toBe(
        `arn:aws:iam::${MEMBER_ACCOUNT}:role/${forward.RoleName}`,
      );
    }
    const statements = forward.Policies.flatMap((policy: any) => policy.PolicyDocument.Statement);
    expect(
      statements.map((statement: Statement) => [statement.Action, resolveSub(statement.Resource, params)]),
    ).toEqual([['events:PutEvents', homeBus]]);
    expect(forward.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({ Service: 'events.amazonaws.com' });
  });
});

describe('one stack instance per region', () => {
  const at = (account: string, region: string) => deployedAt(member, { account, region }, params);
  const rules = Object.entries(member.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::Events::Rule')
    .map(([id]) => id);
  const roles = ['ContainInstanceQuarantineProfile', 'ContainInstanceQuarantineRole', 'ForwardRole', 'MemberRole'];

  it('creates the account-wide roles in the role region only, and forwards from every region of a member', () => {
    expect(member.Parameters.RoleRegion.Default).toBe(service.region);
    expect(at(MEMBER_ACCOUNT, service.region).sort()).toEqual([...roles, ...rules].sort());
    expect(at(MEMBER_ACCOUNT, 'us-west-2').sort()).toEqual([...rules].sort());
  });

  it('in the home account, forwards from its other regions only and leaves the member role out', () => {
    expect(at(HOME_ACCOUNT, service.region)).toEqual(['ForwardRole']);
    expect(at(HOME_ACCOUNT, 'us-west-2').sort()).toEqual([...rules].sort());
  });
});

describe("the home stack's default bus", () => {
  it('accepts only the forwarded sources, from exactly the configured organization and the listed members', () => {
    const policies = Object.entries(home.Resources).filter(
      ([, resource]) => resource.Type === 'AWS::Events::EventBusPolicy',
    );
    expect(policies.map(([id]) => id).sort()).toEqual(['HomeBusAcceptsMembers', 'HomeBusAcceptsOrganization']);
    const statement = (id: string) => home.Resources[id].Properties.Statement as Record<string, any>;
    const ofSources = { 'ForAllValues:StringEquals': { 'events:source': ['aws.cloudwatch', 'aws.guardduty'] } };
    expect(statement('HomeBusAcceptsOrganization').Condition).toEqual({
      StringEquals: { 'aws:PrincipalOrgID': config.accounts.organization?.id },
      ...ofSources,
    });
    expect(statement('HomeBusAcceptsMembers').Condition).toEqual(ofSources);
    expect(statement('HomeBusAcceptsMembers').Principal).toEqual({
      AWS: config.accounts.members.map((account) => `arn:aws:iam::${account.id}:root`),
    });
    for (const [, policy] of policies) {
      expect(policy.Properties).toMatchObject({ EventBusName: 'default' });
      expect((policy.Properties.Statement as Statement).Action).toBe('events:PutEvents');
    }
  });
});

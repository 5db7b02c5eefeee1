// The member-account template: one CloudFormation template for a service-managed StackSet (README "Deploy"),
// generated from the playbook manifests. In the member account, the role autopilot assumes (named
// accounts.memberRoleName) with exactly the actions the steps that act in member accounts send there, trusting only
// those steps' home roles (serverless/member-access.ts); in every region the stack set deploys to, rules that forward
// what starts a playbook at home (GuardDuty findings, the watched alarms) to the home account's default bus in the
// home region. IAM is global and rules are regional: the roles come from the stack instance in RoleRegion only.
// `npm run package` writes it (serverless/write-member-template.ts).
import type { Config } from '../functions/playbooks.ts';
import { type CfnResource, memberStatements, policyLength, trustedRolePatterns } from './member-access.ts';
import type { ServiceDecl } from './service.ts';

/** The file `npm run package` writes beside the stack's template. */
export const MEMBER_TEMPLATE_FILE = 'idp-autopilot-member-role.json';

/** IAM's default quotas, whitespace not counted: a role trust policy, and a role's inline policies together. */
export const TRUST_POLICY_MAX = 2048;
export const INLINE_POLICIES_MAX = 10240;

/** A CloudFormation template as the member template uses it. */
export interface CfnTemplate {
  AWSTemplateFormatVersion: '2010-09-09';
  Description: string;
  Parameters: Record<string, Record<string, unknown>>;
  Conditions: Record<string, unknown>;
  Resources: Record<string, CfnResource>;
  Outputs: Record<string, Record<string, unknown>>;
}

// CloudFormation Fn::Sub strings (the parameters and pseudo parameters resolve in the member account's stack).
const HOME_BUS = { 'Fn::Sub': `arn:\${AWS::Partition}:events:\${HomeRegion}:\${HomeAccountId}:event-bus/default` };
const HOME_ROOT = { 'Fn::Sub': `arn:\${AWS::Partition}:iam::\${HomeAccountId}:root` };
const homeRole = (name: string) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:iam::\${HomeAccountId}:role/${name}` });
const ownRole = (name: string) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${name}` });

/** The forwarding role's name: the member role's with `-events` (both at most 64 characters). */
export function forwardRoleName(memberRoleName: string): string {
  const name = `${memberRoleName.slice(0, 64 - '-events'.length)}-events`;
  if (name === memberRoleName) throw new Error(`accounts.memberRoleName ${memberRoleName}: choose another name`);
  return name;
}

/** The `source` values of an event pattern (none when it matches any source). */
const sourcesOf = (pattern: Record<string, unknown>): unknown[] =>
  Array.isArray(pattern.source) ? pattern.source : [];

/** True for a pattern that matches only events of AWS services (`aws.*` sources), which no caller can put itself. */
const awsServicesOnly = (pattern: Record<string, unknown>): boolean => {
  const sources = sourcesOf(pattern);
  return sources.length > 0 && sources.every((source) => typeof source === 'string' && source.startsWith('aws.'));
};

/**
 * True for a pattern on Step Functions' own events: they are about the stack's state machines (a stopped traffic
 * shift or maintenance window), which run in the home account only, so a member has none to forward.
 */
const homeOnly = (pattern: Record<string, unknown>): boolean => sourcesOf(pattern).includes('aws.states');

/**
 * Each distinct pattern of the home stack's rules on AWS services' events (GuardDuty findings, alarm state changes),
 * with the state machine whose rule carries it first. Patterns on autopilot's own events (its audit trail, `idp.
 * autopilot`) stay home: members have none to send, and the home bus accepts none from them (serverless/home-bus.ts).
 */
export function forwardedPatterns(service: ServiceDecl): { key: string; pattern: Record<string, unknown> }[] {
  const seen = new Set<string>();
  const found: { key: string; pattern: Record<string, unknown> }[] = [];
  for (const machine of service.stateMachines) {
    machine.patterns.forEach((pattern, index) => {
      const text = JSON.stringify(pattern);
      if (seen.has(text) || !awsServicesOnly(pattern) || homeOnly(pattern)) return;
      seen.add(text);
      const key = `${machine.key.charAt(0).toUpperCase()}${machine.key.slice(1)}${index ? index + 1 : ''}`;
      found.push({ key, pattern });
    });
  }
  return found;
}

/** The event sources the member template forwards (sorted): the only ones the home bus accepts from members. */
export const forwardedSources = (service: ServiceDecl): string[] =>
  [...new Set(forwardedPatterns(service).flatMap(({ pattern }) => sourcesOf(pattern) as string[]))].sort();

const PARAMETERS = (service: ServiceDecl, externalId: boolean): CfnTemplate['Parameters'] => ({
  HomeAccountId: {
    Type: 'String',
    AllowedPattern: '^\\d{12}$',
    Description: 'The account the idp-autopilot stack runs in: its roles are trusted, its default bus receives events',
  },
  HomeRegion: {
    Type: 'String',
    Default: service.region,
    AllowedPattern: '^[a-z]{2}(-[a-z]+)+-\\d$',
    Description: "The idp-autopilot stack's region, whose default bus the rules forward to",
  },
  RoleRegion: {
    Type: 'String',
    Default: service.region,
    AllowedPattern: '^[a-z]{2}(-[a-z]+)+-\\d$',
    Description:
      'The one region whose stack instance creates the account-wide IAM roles (deploy to it first: the rules of ' +
      'the other regions name its forwarding role)',
  },
  ...(externalId
    ? {
        ExternalId: {
          Type: 'String',
          NoEcho: true,
          MinLength: 2,
          MaxLength: 1224,
          AllowedPattern: '^[\\w+=,.@:/-]+$',
          Description: 'The value of the secret accounts.externalId names: AssumeRole must present it',
        },
      }
    : {}),
});

const CONDITIONS: CfnTemplate['Conditions'] = {
  InRoleRegion: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, { Ref: 'RoleRegion' }] },
  InHomeAccount: { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, { Ref: 'HomeAccountId' }] },
  InHomeRegion: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, { Ref: 'HomeRegion' }] },
  // The home account acts with its own function roles: it gets no member role (and has its quarantine profile).
  CreateMemberRole: { 'Fn::And': [{ Condition: 'InRoleRegion' }, { 'Fn::Not': [{ Condition: 'InHomeAccount' }] }] },
  // The home bus receives its own region's events: no rule forwards them to itself.
  Forward: { 'Fn::Not': [{ 'Fn::And': [{ Condition: 'InHomeAccount' }, { Condition: 'InHomeRegion' }] }] },
};

/** @throws Error when the member role's policies exceed IAM's default quotas (the stack set would fail). */
function checkQuotas(role: CfnResource): void {
  const trust = policyLength(role.Properties.AssumeRolePolicyDocument);
  if (trust > TRUST_POLICY_MAX)
    throw new Error(`the member role's trust policy has ${trust} characters, over IAM's ${TRUST_POLICY_MAX}`);
  const policies = role.Properties.Policies as { PolicyDocument: unknown }[];
  const inline = policies.reduce((sum, policy) => sum + policyLength(policy.PolicyDocument), 0);
  if (inline > INLINE_POLICIES_MAX)
    throw new Error(`the member role's inline policy has ${inline} characters, over IAM's ${INLINE_POLICIES_MAX}`);
}

/** The member role's trust policy: the home account's root, only for `principals` (and with the ExternalId). */
function trustPolicy(principals: unknown[], withExternalId: boolean) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: HOME_ROOT },
        Action: 'sts:AssumeRole',
        Condition: {
          ArnLike: { 'aws:PrincipalArn': principals },
          ...(withExternalId ? { StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } } : {}),
        },
      },
    ],
  };
}

/**
 * The home roles the member role trusts (aws:PrincipalArn, ArnLike): the acting roles (trustedRolePatterns) while
 * they fit IAM's trust policy quota; past it (many acting steps, long stage names whose role names end in a hash),
 * every role of the home stack in its region by their common prefix. Either way only the acting roles can assume it:
 * a cross-account AssumeRole also needs the caller's own policy to allow sts:AssumeRole on the member role, and only
 * the acting steps' roles have that statement (serverless/service.ts; test/packaging/iam.test.ts holds it).
 */
function trustedRoles(service: ServiceDecl, withExternalId: boolean): unknown[] {
  const exact = trustedRolePatterns(service).map(homeRole);
  if (policyLength(trustPolicy(exact, withExternalId)) <= TRUST_POLICY_MAX) return exact;
  return [homeRole(`${service.service}-${service.stage}-${service.region}-*`)];
}

/**
 * The member-account template of a stage. The member role (condition CreateMemberRole) trusts the home account's
 * root only for its roles that act in member accounts (trustedRoles) and, when config sets accounts.externalId, only with
 * the ExternalId parameter's value; its inline policy holds the member statements. Forwarding: a role EventBridge
 * assumes (events:PutEvents on the home bus only) and one rule per distinct home rule pattern.
 * @throws Error when a member statement names a home resource (serverless/member-access.ts), when no step acts in
 * member accounts, or when the role's policies would exceed IAM's default quotas.
 */
export function memberTemplate(service: ServiceDecl, config: Config): CfnTemplate {
  const { memberRoleName, externalId } = config.accounts;
  const { statements, resources } = memberStatements(service, config, 'CreateMemberRole');
  if (!statements.length) throw new Error('no step acts in member accounts (actsIn: target): no member role to write');
  const trusted = trustedRoles(service, Boolean(externalId));
  const forwardRole = forwardRoleName(memberRoleName);
  const Resources: Record<string, CfnResource> = {
    MemberRole: {
      Type: 'AWS::IAM::Role',
      Condition: 'CreateMemberRole',
      Properties: {
        RoleName: memberRoleName,
        Description: `idp-autopilot ${service.stage}: what its playbooks do in this account (assumed from the home account)`,
        MaxSessionDuration: 3600,
        AssumeRolePolicyDocument: trustPolicy(trusted, Boolean(externalId)),
        Policies: [
          {
            PolicyName: 'idp-autopilot-playbooks',
            PolicyDocument: { Version: '2012-10-17', Statement: statements },
          },
        ],
      },
    },
    ...resources,
    ForwardRole: {
      Type: 'AWS::IAM::Role',
      Condition: 'InRoleRegion',
      Properties: {
        RoleName: forwardRole,
        Description: `idp-autopilot ${service.stage}: EventBridge forwards findings and alarms to the home account's bus`,
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'events.amazonaws.com' },
              Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
            },
          ],
        },
        Policies: [
          {
            PolicyName: 'idp-autopilot-forward',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: HOME_BUS }],
            },
          },
        ],
      },
    },
  };
  checkQuotas(Resources.MemberRole);
  for (const { key, pattern } of forwardedPatterns(service)) {
    Resources[`Forward${key}`] = {
      Type: 'AWS::Events::Rule',
      Condition: 'Forward',
      Properties: {
        Description: `idp-autopilot ${service.stage}: forwards what starts a playbook to the home account's bus`,
        EventPattern: pattern,
        State: 'ENABLED',
        Targets: [
          {
            Id: 'home-bus',
            Arn: HOME_BUS,
            RoleArn: { 'Fn::If': ['InRoleRegion', { 'Fn::GetAtt': ['ForwardRole', 'Arn'] }, ownRole(forwardRole)] },
          },
        ],
      },
    };
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description:
      `idp-autopilot ${service.stage} in a member account: the role its playbooks assume and the rules forwarding ` +
      'findings and alarms home (generated by npm run package from the playbook manifests; README "Deploy")',
    Parameters: PARAMETERS(service, Boolean(externalId)),
    Conditions: CONDITIONS,
    Resources,
    Outputs: {
      MemberRoleArn: { Condition: 'CreateMemberRole', Value: { 'Fn::GetAtt': ['MemberRole', 'Arn'] } },
      ForwardRoleArn: { Condition: 'InRoleRegion', Value: { 'Fn::GetAtt': ['ForwardRole', 'Arn'] } },
    },
  };
}

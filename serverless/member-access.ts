// What the member role of the member-account template allows and whom it trusts, from the service declaration
// (serverless/service.ts): the statements of the steps that act in member accounts (`actsIn: 'target'`) less those
// marked home-only by the builders of functions/shared/playbook/iam.ts, and the home roles of exactly those steps.
import type { Config } from '../functions/playbooks.ts';
import { type IamStatement, isHomeOnly } from '../functions/shared/playbook/iam.ts';
import type { FunctionDecl, ServiceDecl } from './service.ts';

/** One CloudFormation resource. */
export interface CfnResource {
  Type: string;
  Condition?: string;
  DependsOn?: string[];
  Properties: Record<string, unknown>;
}

/** Pseudo parameters a member statement may name: in a member account's stack they resolve to the member's. */
const MEMBER_PSEUDO = new Set(['AWS::AccountId', 'AWS::Partition']);

/**
 * Resources of the member template that member statements may name by logical id, built from config, under the
 * member role's condition. contain-instance's deny-all quarantine profile is declared as serverless.yml declares it
 * at home: its credentials step passes that role to EC2 in the member account.
 */
const MEMBER_RESOURCES: Record<string, (config: Config, condition: string) => Record<string, CfnResource>> = {
  ContainInstanceQuarantineRole: (config, condition) => {
    const name = config.playbooks.containInstance.quarantineInstanceProfile;
    return {
      ContainInstanceQuarantineRole: {
        Type: 'AWS::IAM::Role',
        Condition: condition,
        Properties: {
          RoleName: name,
          Description: 'idp-autopilot contain-instance - denies everything to a contained EC2 instance',
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
          },
          ManagedPolicyArns: [{ 'Fn::Sub': `arn:\${AWS::Partition}:iam::aws:policy/AWSDenyAll` }],
        },
      },
      ContainInstanceQuarantineProfile: {
        Type: 'AWS::IAM::InstanceProfile',
        Condition: condition,
        Properties: { InstanceProfileName: name, Roles: [{ Ref: 'ContainInstanceQuarantineRole' }] },
      },
    };
  },
};

/** The names a CloudFormation value refers to: Ref, Fn::GetAtt, and the `${...}` placeholders of Fn::Sub. */
function namesIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) namesIn(item, found);
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' && typeof inner === 'string') found.add(inner);
      else if (key === 'Fn::GetAtt' && Array.isArray(inner)) found.add(String(inner[0]).split('.')[0]);
      else if (key === 'Fn::Sub') {
        const [text, variables] = Array.isArray(inner) ? inner : [inner, {}];
        for (const match of String(text).matchAll(/\$\{([^!}][^}]*)\}/g)) {
          if (!(match[1] in (variables as object))) found.add(match[1].split('.')[0]);
        }
        namesIn(variables, found);
      } else namesIn(inner, found);
    }
  }
  return found;
}

/** The functions that act in member accounts, in declaration order. */
export const actingFunctions = (service: ServiceDecl): FunctionDecl[] =>
  Object.values(service.functions).filter((fn) => fn.actsIn === 'target');

/**
 * The member role's statements: every statement of an acting function that is not home-only, those with the same
 * effect, resources and condition merged (actions sorted), and the member-template resources they name.
 * @throws Error naming the function when a statement names something a member account's stack does not have (a
 * home resource not built with the home builders, `${AWS::Region}`): mark it, or the template would not deploy.
 */
export function memberStatements(
  service: ServiceDecl,
  config: Config,
  condition: string,
): { statements: IamStatement[]; resources: Record<string, CfnResource> } {
  const merged = new Map<string, IamStatement>();
  const resources: Record<string, CfnResource> = {};
  for (const fn of actingFunctions(service)) {
    for (const statement of fn.iamRoleStatements.filter((candidate) => !isHomeOnly(candidate))) {
      for (const name of namesIn(statement)) {
        if (MEMBER_PSEUDO.has(name)) continue;
        const build = MEMBER_RESOURCES[name];
        if (!build)
          throw new Error(
            `${fn.key}: its statement on ${statement.Action.join(', ')} names ${name}, which a member account's stack ` +
              'does not have: build home resources with functions/shared/playbook/iam.ts (or mark it atHome)',
          );
        Object.assign(resources, build(config, condition));
      }
      const { Effect, Action, Resource, Condition } = statement;
      const key = JSON.stringify([Effect, Resource, Condition]);
      const actions = [...new Set([...(merged.get(key)?.Action ?? []), ...Action])].sort();
      merged.set(key, { Effect, Action: actions, Resource, ...(Condition ? { Condition } : {}) });
    }
  }
  return { statements: [...merged.values()], resources };
}

/** containInstanceGate -> contain, containInstance, containInstanceGate (where camelCase words begin). */
function wordPrefixes(key: string): string[] {
  const cuts = [...key.matchAll(/[A-Z0-9]/g)].map((match) => match.index).filter((index) => index > 0);
  return [...cuts.map((index) => key.slice(0, index)), key];
}

/**
 * The role names the member role trusts (aws:PrincipalArn, ArnLike): acting roles by the shortest camelCase word
 * prefix of their key that no other function's role starts with (`…-revoke*` when every revoke step acts in
 * members), or by their full name where that prefix stands for one acting role only. They match exactly the acting roles among the stack's roles, and stay
 * within IAM's 2,048-character trust policy where the full names would not (23 roles of up to 64 characters).
 */
export function trustedRolePatterns(service: ServiceDecl): string[] {
  const prefix = `${service.service}-${service.stage}-${service.region}-`;
  const others = Object.values(service.functions)
    .filter((fn) => fn.actsIn !== 'target')
    .map((fn) => fn.roleName);
  const acting = actingFunctions(service).map((fn) => fn.roleName);
  const patterns = new Set<string>();
  for (const name of acting) {
    if (!name.startsWith(prefix)) throw new Error(`role ${name} does not start with ${prefix}`);
    const candidates = wordPrefixes(name.slice(prefix.length)).map((word) => `${prefix}${word}`);
    const stem = candidates.find(
      (candidate) => candidate === name || !others.some((other) => other.startsWith(candidate)),
    );
    // A wildcard only where it stands for several acting roles.
    const covers = acting.filter((other) => stem && other.startsWith(stem)).length;
    patterns.add(stem === name || covers < 2 ? name : `${stem}*`);
  }
  const wildcards = [...patterns].filter((pattern) => pattern.endsWith('*')).map((pattern) => pattern.slice(0, -1));
  return [...patterns]
    .filter((pattern) => !wildcards.some((stem) => pattern !== `${stem}*` && pattern.startsWith(stem)))
    .sort();
}

/** What a member stack resolves, at the longest, to measure a policy as IAM counts it. */
const RESOLVED: Record<string, string> = {
  'AWS::AccountId': '123456789012',
  'AWS::Partition': 'aws',
  'AWS::Region': 'ap-southeast-1',
  HomeAccountId: '123456789012',
  HomeRegion: 'ap-southeast-1',
  RoleRegion: 'ap-southeast-1',
};
/** An external ID is counted at this length: IAM counts the trust policy with its value. */
export const EXTERNAL_ID_COUNTED = 64;

function resolved(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolved);
  if (!value || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  if (typeof object['Fn::Sub'] === 'string')
    return object['Fn::Sub'].replace(/\$\{([^}]+)\}/g, (_, name: string) => RESOLVED[name] ?? `<${name}>`);
  if (object.Ref === 'ExternalId') return 'x'.repeat(EXTERNAL_ID_COUNTED);
  if (typeof object.Ref === 'string') return RESOLVED[object.Ref] ?? `<${object.Ref}>`;
  if (Array.isArray(object['Fn::GetAtt'])) return `arn:aws:iam::123456789012:role/${'x'.repeat(64)}`;
  return Object.fromEntries(Object.entries(object).map(([key, inner]) => [key, resolved(inner)]));
}

/**
 * The length IAM counts for a policy document (characters without whitespace) once the member stack resolves it:
 * accounts of 12 digits, the longest region and role names, an external ID of EXTERNAL_ID_COUNTED characters.
 */
export function policyLength(document: unknown): number {
  return JSON.stringify(resolved(document)).replace(/\s/g, '').length;
}

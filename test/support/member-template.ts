// Reading the member-account template as CloudFormation and IAM would: Fn::Sub with the stack's parameters, its
// conditions in one account and region, ArnLike patterns.
import type { CfnTemplate } from '../../serverless/member-template.ts';

/** Where one stack instance runs. */
export interface StackInstance {
  account: string;
  region: string;
}

/** A `Fn::Sub` string (or a plain string) with `${Name}` replaced from `values` (pseudo parameters included). */
export function resolveSub(value: unknown, values: Record<string, string>): string {
  if (typeof value === 'string') return value;
  const text = (value as { 'Fn::Sub': string })['Fn::Sub'];
  const all: Record<string, string> = { 'AWS::Partition': 'aws', ...values };
  return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
    if (!(name in all)) throw new Error(`no value for \${${name}} in ${text}`);
    return all[name];
  });
}

/** True when an IAM ArnLike pattern (`*` for any characters) matches `arn`. */
export function arnLike(pattern: string, arn: string): boolean {
  const regex = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${regex}$`).test(arn);
}

/** The logical ids of the resources a stack instance creates: those without a condition or whose condition holds. */
export function deployedAt(template: CfnTemplate, at: StackInstance, parameters: Record<string, string>): string[] {
  const value = (expression: unknown): unknown => {
    const ref = (expression as { Ref?: string }).Ref;
    if (ref === 'AWS::Region') return at.region;
    if (ref === 'AWS::AccountId') return at.account;
    if (ref) return parameters[ref] ?? template.Parameters[ref]?.Default;
    return expression;
  };
  const holds = (expression: unknown): boolean => {
    const node = expression as Record<string, unknown[]> & { Condition?: string };
    if (node.Condition) return holds(template.Conditions[node.Condition]);
    if (node['Fn::Equals']) return value(node['Fn::Equals'][0]) === value(node['Fn::Equals'][1]);
    if (node['Fn::And']) return node['Fn::And'].every(holds);
    if (node['Fn::Or']) return node['Fn::Or'].some(holds);
    if (node['Fn::Not']) return !holds(node['Fn::Not'][0]);
    throw new Error(`unknown condition ${JSON.stringify(expression)}`);
  };
  return Object.entries(template.Resources)
    .filter(([, resource]) => !resource.Condition || holds({ Condition: resource.Condition }))
    .map(([id]) => id);
}

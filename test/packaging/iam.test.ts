import { describe, expect, it } from 'vitest';
import { iamActionsOfFunction } from '../support/source-commands.ts';
import { type CfnResource, packagedService, packagedTemplate } from '../support/template.ts';

// Actions for which AWS offers no resource-level permission: the only ones allowed on Resource "*".
const WITHOUT_RESOURCE_LEVEL = new Set([
  'autoscaling:DescribeAutoScalingGroups',
  'autoscaling:DescribeAutoScalingInstances',
  // AWS Backup has no restore-job resource type; listing buckets is account-wide.
  'backup:DescribeRestoreJob',
  'backup:PutRestoreValidationResult',
  's3:ListAllMyBuckets',
  // Load balancer descriptions and Cloud Map operations have no resource-level permissions.
  'elasticloadbalancing:DescribeLoadBalancers',
  'servicediscovery:GetOperation',
  'ce:GetAnomalies',
  // DescribeAlarms returns composite alarms only to a permission scoped to * (CloudWatch API reference).
  'cloudwatch:DescribeAlarms',
  'cloudwatch:GetMetricData',
  'ce:GetCostAndUsage',
  'ce:GetCostForecast',
  'config:DescribeComplianceByConfigRule',
  'config:DescribeConfigRuleEvaluationStatus',
  'config:DescribeConfigRules',
  'elasticloadbalancing:DescribeRules',
  'elasticloadbalancing:DescribeTargetGroupAttributes',
  'elasticloadbalancing:DescribeTargetGroups',
  'elasticloadbalancing:DescribeTargetHealth',
  'guardduty:ListDetectors',
  'health:DescribeEvents',
  'iam:ListRoles',
  'inspector2:BatchGetAccountStatus',
  'inspector2:ListFindings',
  // Callbacks are authorized by the task token; SendTask* take no resource (Step Functions authorization reference).
  'states:SendTaskSuccess',
  'sts:GetCallerIdentity',
]);
const isEc2Describe = (action: string) => /^ec2:Describe/.test(action);

const { service } = packagedService();
const template = packagedTemplate();

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

function roleStatements(functionKey: string): Statement[] {
  const logicalId = `${functionKey.charAt(0).toUpperCase()}${functionKey.slice(1)}LambdaFunction`;
  const fn = template.Resources[logicalId];
  expect(fn, `${logicalId} in the packaged template`).toBeDefined();
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
  const role = template.Resources[roleId] as CfnResource;
  const policies = role.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[];
  return policies.flatMap((policy) => policy.PolicyDocument.Statement);
}

const asList = (value: string | string[]) => (Array.isArray(value) ? value : [value]);
const LOGS = /^logs:|^xray:/;

describe('each function role allows exactly what its code sends', () => {
  for (const fn of Object.values(service.functions)) {
    it(`${fn.key} has a role of its own listing exactly its SDK commands`, () => {
      const sent = iamActionsOfFunction(fn.modulePath);
      const statements = roleStatements(fn.key).filter((statement) => statement.Effect === 'Allow');
      const allowed = new Set(statements.flatMap((statement) => asList(statement.Action)).filter((a) => !LOGS.test(a)));
      expect([...allowed].sort()).toEqual([...sent].sort());
    });

    it(`${fn.key} uses Resource "*" only for actions without resource-level permissions`, () => {
      for (const statement of roleStatements(fn.key)) {
        const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
        if (!resources.includes('*')) continue;
        for (const action of asList(statement.Action).filter((a) => !LOGS.test(a))) {
          expect(action.includes('*'), `${action} is a wildcard action`).toBe(false);
          expect(WITHOUT_RESOURCE_LEVEL.has(action) || isEc2Describe(action), `${action} on "*"`).toBe(true);
        }
      }
    });
  }

  it('no role in the stack allows a wildcard action', () => {
    const roles = Object.values(template.Resources).filter((resource) => resource.Type === 'AWS::IAM::Role');
    const actions = roles.flatMap((role) =>
      ((role.Properties.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap((policy) =>
        policy.PolicyDocument.Statement.flatMap((statement) => asList(statement.Action)),
      ),
    );
    expect(actions.filter((action) => action === '*' || action.endsWith(':*'))).toEqual([]);
  });
});

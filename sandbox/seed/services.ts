// Seed builders for the regional services besides EC2: GuardDuty, Config, SNS, SSM, Secrets Manager, and the
// state-only models (Auto Scaling, ELBv2, RDS, Backup, CloudWatch) later operations read.
import { derivedHex, type SeedContext, type Spec } from './util.ts';

const arn = (ctx: SeedContext, service: string, resource: string) =>
  `arn:aws:${service}:${ctx.region}:${ctx.accountId}:${resource}`;

export function buildDetectors(specs: Spec[] = [], ctx: SeedContext): Spec[] {
  return specs.map((d) => ({
    Status: 'ENABLED',
    ServiceRole: `arn:aws:iam::${ctx.accountId}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
    UpdatedAt: d.CreatedAt,
    DataSources: {
      CloudTrail: { Status: 'ENABLED' },
      DNSLogs: { Status: 'ENABLED' },
      FlowLogs: { Status: 'ENABLED' },
      S3Logs: { Status: 'ENABLED' },
    },
    Features: ['CLOUD_TRAIL', 'DNS_LOGS', 'FLOW_LOGS', 'S3_DATA_EVENTS', 'EBS_MALWARE_PROTECTION'].map((Name) => ({
      Name,
      Status: 'ENABLED',
      UpdatedAt: d.CreatedAt,
    })),
    Tags: {},
    ...d,
  }));
}

export function buildConfigRules(specs: Spec[] = [], ctx: SeedContext): Spec[] {
  return specs.map((r) => {
    const id = `config-rule-${derivedHex(`${ctx.region}/${r.name}`, 6)}`;
    return {
      rule: {
        ConfigRuleName: r.name,
        ConfigRuleArn: arn(ctx, 'config', `config-rule/${id}`),
        ConfigRuleId: id,
        Description: r.description,
        Scope: r.resourceTypes && { ComplianceResourceTypes: r.resourceTypes },
        Source: { Owner: 'AWS', SourceIdentifier: r.source },
        InputParameters: JSON.stringify(r.inputParameters ?? {}),
        MaximumExecutionFrequency: r.periodic,
        ConfigRuleState: 'ACTIVE',
        EvaluationModes: [{ Mode: 'DETECTIVE' }],
      },
      compliance: { type: r.compliance, nonCompliantCount: r.nonCompliant },
      evaluation: {
        firstActivatedTime: r.activated ?? new Date(ctx.now.getTime() - 200 * 86_400_000).toISOString(),
        lastSuccessfulInvocationTime: r.lastEvaluated,
        lastSuccessfulEvaluationTime: r.lastEvaluated,
      },
    };
  });
}

export function buildTopics(names: string[] = [], ctx: SeedContext): Spec[] {
  return names.map((Name) => ({ Name, TopicArn: arn(ctx, 'sns', Name) }));
}

export function buildParameters(specs: Spec[] = [], ctx: SeedContext): Spec[] {
  return specs.map((p) => ({
    Version: 1,
    DataType: 'text',
    ARN: arn(ctx, 'ssm', `parameter${p.Name.startsWith('/') ? '' : '/'}${p.Name}`),
    ...p,
  }));
}

export function buildSecrets(specs: Spec[] = [], ctx: SeedContext): Spec[] {
  return specs.map(({ SecretString, ...s }) => ({
    ARN: arn(ctx, 'secretsmanager', `secret:${s.Name}-${derivedHex(s.Name, 6)}`),
    LastChangedDate: s.CreatedDate,
    Tags: [],
    versions: [
      {
        VersionId: `${derivedHex(`${s.Name}/v1`, 8)}-0000-4000-8000-000000000001`,
        SecretString,
        VersionStages: ['AWSCURRENT'],
        CreatedDate: s.CreatedDate,
      },
    ],
    ...s,
  }));
}

export function buildAutoScaling(specs: Spec[] = [], elbv2: Spec, ec2: Spec, ctx: SeedContext) {
  return specs.map((g) => ({
    AutoScalingGroupName: g.name,
    AutoScalingGroupARN: arn(
      ctx,
      'autoscaling',
      `autoScalingGroup:${derivedHex(g.name + ctx.region, 8)}-0000-4000-8000-000000000000:autoScalingGroupName/${g.name}`,
    ),
    LaunchTemplate: g.launchTemplate && { LaunchTemplateId: g.launchTemplate, Version: '$Default' },
    MinSize: g.min,
    MaxSize: g.max,
    DesiredCapacity: g.desired,
    DefaultCooldown: 300,
    HealthCheckType: 'ELB',
    HealthCheckGracePeriod: 300,
    CreatedTime: g.CreatedTime,
    VPCZoneIdentifier: g.subnets.join(','),
    AvailabilityZones: [
      ...new Set(g.subnets.map((id: string) => ec2.subnets.find((s: Spec) => s.SubnetId === id)?.AvailabilityZone)),
    ],
    TargetGroupARNs: (g.targetGroups ?? []).map(
      (name: string) => elbv2.targetGroups.find((t: Spec) => t.TargetGroupName === name)?.TargetGroupArn,
    ),
    Instances: g.instances.map((id: string) => ({
      InstanceId: id,
      InstanceType: ec2.instances.find((i: Spec) => i.InstanceId === id)?.InstanceType,
      AvailabilityZone: ec2.instances.find((i: Spec) => i.InstanceId === id)?.Placement?.AvailabilityZone,
      LifecycleState: 'InService',
      HealthStatus: 'Healthy',
      ProtectedFromScaleIn: false,
      LaunchTemplate: g.launchTemplate && { LaunchTemplateId: g.launchTemplate, Version: '2' },
    })),
  }));
}

/** ALBs, target groups, listeners and rules, cross-linked by name in the YAML and by ARN in the state. */
export function buildElbv2(spec: Spec = {}, ec2: Spec, ctx: SeedContext): Spec {
  const lbArn = (name: string) =>
    arn(
      ctx,
      'elasticloadbalancing',
      `loadbalancer/app/${name}/${(spec.loadBalancers ?? []).find((l: Spec) => l.name === name).id}`,
    );
  const tgArn = (name: string) =>
    arn(
      ctx,
      'elasticloadbalancing',
      `targetgroup/${name}/${(spec.targetGroups ?? []).find((t: Spec) => t.name === name).id}`,
    );
  const forward = (weights: Record<string, number>) => [
    {
      Type: 'forward',
      ForwardConfig: {
        TargetGroups: Object.entries(weights).map(([name, Weight]) => ({ TargetGroupArn: tgArn(name), Weight })),
        TargetGroupStickinessConfig: { Enabled: false },
      },
    },
  ];
  const loadBalancers = (spec.loadBalancers ?? []).map((l: Spec) => ({
    LoadBalancerArn: lbArn(l.name),
    LoadBalancerName: l.name,
    DNSName: `${l.name}-${parseInt(l.id.slice(0, 8), 16)}.${ctx.region}.elb.amazonaws.com`,
    CanonicalHostedZoneId: ctx.region === 'us-east-1' ? 'Z35SXDOTRQ7X7K' : 'Z1H1FL5HABSF5',
    CreatedTime: l.CreatedTime,
    Scheme: 'internet-facing',
    Type: 'application',
    IpAddressType: 'ipv4',
    State: { Code: 'active' },
    VpcId: ec2.subnets.find((s: Spec) => s.SubnetId === l.subnets[0])?.VpcId,
    AvailabilityZones: l.subnets.map((id: string) => ({
      SubnetId: id,
      ZoneName: ec2.subnets.find((s: Spec) => s.SubnetId === id)?.AvailabilityZone,
    })),
    SecurityGroups: l.securityGroups,
  }));
  const targetGroups = (spec.targetGroups ?? []).map((t: Spec) => ({
    TargetGroupArn: tgArn(t.name),
    TargetGroupName: t.name,
    Protocol: 'HTTP',
    Port: t.port,
    VpcId: loadBalancers.find((l: Spec) => l.LoadBalancerName === t.loadBalancer)?.VpcId,
    TargetType: t.targetType ?? 'instance',
    HealthCheckProtocol: 'HTTP',
    HealthCheckPath: t.healthCheckPath,
    HealthCheckIntervalSeconds: 30,
    HealthyThresholdCount: 5,
    UnhealthyThresholdCount: 2,
    LoadBalancerArns: [lbArn(t.loadBalancer)],
    targets: t.targets.map((target: Spec) => ({ Port: t.port, ...target })),
  }));
  const listenerArn = (l: Spec) =>
    arn(
      ctx,
      'elasticloadbalancing',
      `listener/app/${l.loadBalancer}/${spec.loadBalancers.find((b: Spec) => b.name === l.loadBalancer).id}/${l.id}`,
    );
  const listeners = (spec.listeners ?? []).map((l: Spec) => ({
    ListenerArn: listenerArn(l),
    LoadBalancerArn: lbArn(l.loadBalancer),
    Port: l.port,
    Protocol: l.protocol,
    Certificates:
      l.protocol === 'HTTPS'
        ? [{ CertificateArn: arn(ctx, 'acm', 'certificate/00000000-0000-4000-8000-0000000000aa') }]
        : undefined,
    DefaultActions: forward(l.forward),
  }));
  const rules = (spec.rules ?? []).map((r: Spec) => {
    const listener = spec.listeners.find((l: Spec) => l.id === r.listener);
    return {
      RuleArn: `${listenerArn(listener).replace(':listener/', ':listener-rule/')}/${r.id}`,
      Priority: r.priority,
      IsDefault: false,
      Conditions: [{ Field: 'path-pattern', Values: [r.pathPattern], PathPatternConfig: { Values: [r.pathPattern] } }],
      Actions: forward(r.forward),
    };
  });
  return { loadBalancers, targetGroups, listeners, rules };
}

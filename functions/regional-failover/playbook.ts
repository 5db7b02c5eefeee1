// The regional-failover playbook: Disaster Recovery: regional failover procedure.
import {
  allow,
  auditTrail,
  type IamStatement,
  inAccount,
  listReports,
  publishReport,
  reportsObjects,
} from '../shared/playbook/iam.ts';
import { definePlaybook, type ManifestContext, scheduleOf } from '../shared/playbook/manifest.ts';
import { FailoverInput } from './begin/input.ts';
import { type Capacity, RegionalFailover, type RegionalFailoverSettings } from './config.ts';
import { topologyOf } from './topology.ts';

type Ctx = ManifestContext<RegionalFailoverSettings>;

const regionsOf = ({ settings, config }: Ctx) => topologyOf(settings, config.regions);
const of = <K extends Capacity['kind']>(ctx: Ctx, kind: K) =>
  ctx.settings.capacity.filter((item): item is Extract<Capacity, { kind: K }> => item.kind === kind);

function capacityResources(ctx: Ctx, write: boolean): IamStatement[] {
  const region = regionsOf(ctx).secondaryRegion;
  const at = (service: string, path: string) => `${service}:${region}:\${AWS::AccountId}:${path}`;
  const ecs = of(ctx, 'ecs').map((i) => at('ecs', `service/${i.cluster}/${i.service}`));
  const eks = of(ctx, 'eks').flatMap((i) => [
    at('eks', `nodegroup/${i.cluster}/${i.nodegroup}/*`),
    at('eks', `cluster/${i.cluster}`),
  ]);
  const asg = of(ctx, 'asg').map((i) => at('autoscaling', `autoScalingGroup:*:autoScalingGroupName/${i.name}`));
  const sub = (arn: string) => ({ 'Fn::Sub': `arn:aws:${arn}` });
  // The configured resources of a kind, or an ARN that names nothing: the role then reaches none.
  const list = (arns: string[], nothing: string) => (arns.length ? arns : [nothing]).map(sub);
  if (!write) {
    return [
      allow(
        [
          'autoscaling:DescribeAutoScalingGroups',
          'elasticloadbalancing:DescribeTargetGroups',
          'elasticloadbalancing:DescribeTargetHealth',
        ],
        '*',
      ),
      allow(['ecs:DescribeServices'], list(ecs, at('ecs', 'service/-/-'))),
      allow(['eks:DescribeNodegroup', 'eks:DescribeUpdate'], list(eks, at('eks', 'nodegroup/-/-/-'))),
    ];
  }
  return [
    allow(
      ['autoscaling:UpdateAutoScalingGroup'],
      list(asg, at('autoscaling', 'autoScalingGroup:-:autoScalingGroupName/-')),
    ),
    allow(['ecs:UpdateService'], list(ecs, at('ecs', 'service/-/-'))),
    allow(['eks:UpdateNodegroupConfig'], list(eks, at('eks', 'nodegroup/-/-/-'))),
  ];
}

const globalCluster = (ctx: Ctx) => ({
  'Fn::Sub': `arn:aws:rds::\${AWS::AccountId}:global-cluster:${ctx.settings.database.globalClusterId}`,
});
const secondaryCluster = (ctx: Ctx) =>
  inAccount('rds', `cluster:${ctx.settings.database.secondaryClusterId}`, regionsOf(ctx).secondaryRegion);
const zone = (ctx: Ctx) =>
  `arn:aws:route53:::hostedzone/${(ctx.settings.dns.hostedZoneId ?? '*').replace(/^\/hostedzone\//, '')}`;
const cloudMapService = (ctx: Ctx) =>
  inAccount(
    'servicediscovery',
    `service/${ctx.settings.serviceDiscovery?.serviceId ?? '-'}`,
    regionsOf(ctx).secondaryRegion,
  );
// The shared locks module (functions/shared/claims/locks.ts) takes, reads, lists and releases locks under locks/.
const locks = [
  allow(['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], reportsObjects('locks/*')),
  listReports('locks/*'),
];
const databaseRead = (ctx: Ctx) => [
  allow(['rds:DescribeDBClusters'], secondaryCluster(ctx)),
  allow(['rds:DescribeGlobalClusters'], globalCluster(ctx)),
];

export default definePlaybook({
  name: 'regional-failover',
  purpose:
    'Fails the IDP over to the secondary region: pre-checks, approval when unplanned, secondary capacity, database promotion, DNS, health check',
  description:
    'the runbook\'s "Regional Failover Procedure", by hand ({"mode": "planned"|"unplanned", "dryRun"}) and as a nightly readiness check: pre-checks in parallel (secondary target group healthy, replication lag below the limit from CloudWatch, backup bucket reachable, global cluster state with no failover running, the DNS change validated: zone, record type, target); a dry run or the nightly check stops there with a readiness report (SEV3 when not ready); one failover at a time (the stage\'s `failover:<stage>` lock; a second execution is refused naming the running one); planned needs every check, unplanned an approval by task token stating the estimated data loss (the lag at the last reading); then the secondary capacity (ASG, ECS service or EKS node group) is scaled and awaited healthy, the database promoted (SwitchoverGlobalCluster, FailoverGlobalCluster with data loss allowed, or PromoteReadReplicaDBCluster for a replica cluster) and awaited as the writer, the record UPSERTed (CNAME TTL 60 or an alias at the apex) and the Cloud Map TTL lowered, awaited INSYNC, and a synthetic request through the new record must answer 200; the report has the timeline, measured RTO and estimated RPO, notices use the runbook\'s templates; a failure stops and pages with what was done, what is left and how to resume; deployed in the secondary region too (a copy of the stack started from there or with `autopilot run --live --region <secondary>`)',
  runbook: 'Disaster Recovery: regional failover procedure',
  configKey: 'regionalFailover',
  config: RegionalFailover,
  input: FailoverInput,
  example: { input: { mode: 'planned', dryRun: true } },
  standbyCopy: (ctx) => {
    const { primaryRegion, secondaryRegion } = regionsOf(ctx);
    return { ...ctx.settings, primaryRegion, secondaryRegion };
  },
  triggers: {
    schedules: ({ settings }) => scheduleOf(settings.readinessSchedule),
  },
  steps: {
    failoverBegin: {
      folder: 'begin',
      description: 'Checks the request, resolves the topology and takes the failover lock of the stage',
      iam: locks,
    },
    failoverCheckApp: {
      folder: 'check-app',
      description: 'Pre-check: secondary target group healthy, the capacity to scale exists',
      iam: (ctx) => capacityResources(ctx, false),
    },
    failoverCheckReplication: {
      folder: 'check-replication',
      description: 'Pre-check: replication lag below the limit (CloudWatch), its last reading',
      iam: [allow(['cloudwatch:GetMetricData'], '*')],
    },
    failoverCheckDatabase: {
      folder: 'check-database',
      description: 'Pre-check: the global cluster (or replica cluster) can fail over, none is running',
      iam: (ctx) => databaseRead(ctx),
    },
    failoverCheckBucket: {
      folder: 'check-bucket',
      description: 'Pre-check: the backup bucket is reachable from the secondary region',
      iam: (ctx) => [allow(['s3:ListBucket'], `arn:aws:s3:::${regionsOf(ctx).backupBucket}`)],
    },
    failoverCheckDns: {
      folder: 'check-dns',
      description: 'Pre-check: the DNS change (zone, record type, target) and the Cloud Map service are valid',
      iam: (ctx) => [
        allow(['route53:GetHostedZone', 'route53:ListResourceRecordSets'], zone(ctx)),
        allow(['elasticloadbalancing:DescribeLoadBalancers'], '*'),
        allow(['servicediscovery:GetService'], cloudMapService(ctx)),
      ],
    },
    failoverReadiness: {
      folder: 'readiness',
      description: 'Combines the pre-checks: ready, may proceed in this mode, estimated data loss',
      iam: [],
    },
    failoverApproval: {
      folder: 'approval',
      description: 'Asks a human to approve an unplanned failover, stating the estimated data loss (task token)',
      iam: [...publishReport, auditTrail],
    },
    failoverAnnounce: {
      folder: 'announce',
      description: "Announces the failover with the runbook's templates",
      iam: publishReport,
    },
    failoverScale: {
      folder: 'scale',
      description: 'Scales the secondary capacity up (ASG, ECS service, EKS node group)',
      iam: (ctx) => [...capacityResources(ctx, false), ...capacityResources(ctx, true), auditTrail],
    },
    failoverCapacityStatus: {
      folder: 'capacity-status',
      description: 'Looks whether the scaled capacity is up and healthy',
      iam: (ctx) => capacityResources(ctx, false),
    },
    failoverPromote: {
      folder: 'promote',
      description: 'Promotes the secondary database (switchover, failover with data loss, or replica promotion)',
      iam: (ctx) => [
        ...databaseRead(ctx),
        allow(
          ['rds:SwitchoverGlobalCluster', 'rds:FailoverGlobalCluster'],
          [globalCluster(ctx), inAccount('rds', 'cluster:*')],
        ),
        allow(['rds:PromoteReadReplicaDBCluster'], secondaryCluster(ctx)),
        auditTrail,
      ],
    },
    failoverDatabaseStatus: {
      folder: 'database-status',
      description: 'Looks whether the secondary database writes',
      iam: (ctx) => databaseRead(ctx),
    },
    failoverDns: {
      folder: 'dns-change',
      description: 'UPSERTs the record to the secondary load balancer, lowers the Cloud Map TTL',
      iam: (ctx) => [
        allow(
          ['route53:GetHostedZone', 'route53:ListResourceRecordSets', 'route53:ChangeResourceRecordSets'],
          zone(ctx),
        ),
        allow(['elasticloadbalancing:DescribeLoadBalancers'], '*'),
        allow(['servicediscovery:UpdateService'], cloudMapService(ctx)),
        auditTrail,
      ],
    },
    failoverDnsStatus: {
      folder: 'dns-status',
      description: 'Looks whether the DNS change is INSYNC and the Cloud Map operation done',
      iam: [allow(['route53:GetChange'], 'arn:aws:route53:::change/*'), allow(['servicediscovery:GetOperation'], '*')],
    },
    failoverPostCheck: {
      folder: 'post-check',
      description: 'Synthetic request to the health URL through the new record',
      iam: [],
    },
    failoverReport: {
      folder: 'report',
      description: 'Readiness or failover report (timeline, RTO, RPO), notices, releases the lock',
      iam: [...publishReport, ...locks],
    },
    failoverFailed: {
      folder: 'failed',
      description: 'When a failover stops: what was done, what is left, how to resume; releases the lock',
      iam: [...publishReport, ...locks],
    },
  },
});

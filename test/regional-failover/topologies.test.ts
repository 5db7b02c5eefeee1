// The other topologies the failover supports: a cross-region replica cluster (the runbook's promote-read-replica),
// an alias record at the zone apex, ECS and EKS capacity.
import { describe, expect, it } from 'vitest';
import { freshAccount } from '../support/sandbox.ts';
import { configWith, run, WEST_ALB } from './support.ts';

describe('regional-failover topologies', () => {
  it('promotes a cross-region replica cluster and waits until it writes', async () => {
    const account = freshAccount();
    const secondary = account.state.regions['us-west-2'].rds.clusters[0];
    delete secondary.GlobalClusterIdentifier;
    secondary.ReplicationSourceIdentifier = 'arn:aws:rds:us-east-1:123456789012:cluster:idp-aurora-primary';
    const config = configWith((block) => {
      block.database = { ...(block.database as object), kind: 'replica-cluster' };
    });
    const result = await run(account, { mode: 'planned' }, { config });

    expect(result.status).toBe('SUCCEEDED');
    expect(account.callsTo('RDS', 'PromoteReadReplicaDBCluster')).toHaveLength(1);
    expect(secondary).toMatchObject({ Status: 'available', Role: 'primary' });
    expect(secondary.ReplicationSourceIdentifier).toBeUndefined();
  });

  it('points an alias record at the apex to the secondary load balancer', async () => {
    const account = freshAccount();
    const config = configWith((block) => {
      block.dns = { ...(block.dns as object), recordName: 'idp.example.com', type: 'ALIAS' };
      block.healthCheckUrl = 'https://idp.example.com/health';
    });
    const result = await run(account, { mode: 'planned' }, { config });

    expect(result.status).toBe('SUCCEEDED');
    const apex = account.state.global.route53.hostedZones[0].records.find(
      (r) => r.Name === 'idp.example.com.' && r.Type === 'A',
    );
    expect(apex?.AliasTarget).toEqual({
      HostedZoneId: 'Z1H1FL5HABSF5',
      DNSName: `dualstack.${WEST_ALB}.`,
      EvaluateTargetHealth: true,
    });
  });

  it('scales an ECS service and an EKS node group and waits until both run', async () => {
    const account = freshAccount();
    const west = account.state.regions['us-west-2'];
    const taskDefinition = 'arn:aws:ecs:us-west-2:123456789012:task-definition/api:1';
    west.ecs = {
      clusters: [
        {
          clusterName: 'idp',
          clusterArn: 'arn:aws:ecs:us-west-2:123456789012:cluster/idp',
          status: 'ACTIVE',
          services: [
            {
              serviceName: 'api',
              serviceArn: 'arn:aws:ecs:us-west-2:123456789012:service/idp/api',
              clusterArn: 'arn:aws:ecs:us-west-2:123456789012:cluster/idp',
              status: 'ACTIVE',
              desiredCount: 1,
              runningCount: 1,
              pendingCount: 0,
              launchType: 'FARGATE',
              taskDefinition,
              createdAt: '2026-01-01T00:00:00.000Z',
              loadBalancers: [],
              deployments: [
                {
                  id: 'ecs-svc/1',
                  status: 'PRIMARY',
                  taskDefinition,
                  desiredCount: 1,
                  pendingCount: 0,
                  runningCount: 1,
                  rolloutState: 'COMPLETED',
                  createdAt: '2026-01-01T00:00:00.000Z',
                  updatedAt: '2026-01-01T00:00:00.000Z',
                },
              ],
            },
          ],
        },
      ],
    };
    west.eks = {
      clusters: [
        {
          name: 'idp',
          arn: 'arn:aws:eks:us-west-2:123456789012:cluster/idp',
          status: 'ACTIVE',
          version: '1.31',
          nodegroups: [
            {
              nodegroupName: 'workers',
              nodegroupArn: 'arn:aws:eks:us-west-2:123456789012:nodegroup/idp/workers/1',
              clusterName: 'idp',
              status: 'ACTIVE',
              scalingConfig: { minSize: 1, maxSize: 3, desiredSize: 1 },
              health: { issues: [] },
              updates: [],
            },
          ],
        },
      ],
    };
    const config = configWith((block) => {
      block.capacity = [
        { kind: 'ecs', cluster: 'idp', service: 'api', desired: 4 },
        { kind: 'eks', cluster: 'idp', nodegroup: 'workers', desired: 5 },
      ];
    });
    const result = await run(account, { mode: 'planned' }, { config });

    expect(result.status).toBe('SUCCEEDED');
    expect(west.ecs.clusters[0].services[0]).toMatchObject({ desiredCount: 4, runningCount: 4 });
    expect(west.eks.clusters[0].nodegroups[0]).toMatchObject({
      status: 'ACTIVE',
      scalingConfig: { minSize: 5, desiredSize: 5, maxSize: 5 },
    });
  });
});

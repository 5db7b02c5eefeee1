// The disaster-recovery side of the sandbox through the real SDK clients: Aurora clusters (restorable window,
// point-in-time restore, instances that come up over describes, deletion order), global clusters that switch over,
// the Data API, and AWS Backup restore jobs that progress and can fail.
import {
  BackupClient,
  DescribeRestoreJobCommand,
  PutRestoreValidationResultCommand,
  StartRestoreJobCommand,
} from '@aws-sdk/client-backup';
import {
  CreateDBInstanceCommand,
  DeleteDBClusterCommand,
  DeleteDBInstanceCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeGlobalClustersCommand,
  EnableHttpEndpointCommand,
  FailoverGlobalClusterCommand,
  RDSClient,
  RestoreDBClusterToPointInTimeCommand,
  SwitchoverGlobalClusterCommand,
} from '@aws-sdk/client-rds';
import { ExecuteStatementCommand, RDSDataClient } from '@aws-sdk/client-rds-data';
import { describe, expect, it } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { daysAgo, errorOf, NOW, useSandbox } from './helpers.ts';

const rds = (region = 'us-east-1') => awsClient(RDSClient, region);
const status = async (id: string) =>
  (await rds().send(new DescribeDBClustersCommand({ DBClusterIdentifier: id }))).DBClusters?.[0]?.Status;
const SECONDARY = 'arn:aws:rds:us-west-2:123456789012:cluster:idp-aurora-secondary';

describe('Aurora clusters', () => {
  useSandbox();

  it('shows the restorable window of the retention period and refuses a time outside it', async () => {
    const [cluster] = (await rds().send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'idp-aurora-primary' })))
      .DBClusters!;
    expect(cluster.EarliestRestorableTime).toEqual(daysAgo(7));
    expect(cluster.LatestRestorableTime).toEqual(new Date(NOW.getTime() - 5 * 60_000));
    const error = await errorOf(
      rds().send(
        new RestoreDBClusterToPointInTimeCommand({
          SourceDBClusterIdentifier: 'idp-aurora-primary',
          DBClusterIdentifier: 'too-old',
          RestoreToTime: daysAgo(8),
        }),
      ),
    );
    expect(error.name).toBe('InvalidRestoreFault');
    expect(await errorOf(rds().send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'too-old' })))).toMatchObject({
      name: 'DBClusterNotFoundFault',
    });
  });

  it('restores into a new cluster that is creating, then available, without instances; its instance comes up over describes', async () => {
    await rds().send(
      new RestoreDBClusterToPointInTimeCommand({
        SourceDBClusterIdentifier: 'idp-aurora-primary',
        DBClusterIdentifier: 'pitr-1',
        UseLatestRestorableTime: true,
        Tags: [{ Key: 'k', Value: 'v' }],
      }),
    );
    expect(await status('pitr-1')).toBe('creating');
    const [cluster] = (await rds().send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'pitr-1' }))).DBClusters!;
    expect(cluster).toMatchObject({ Status: 'available', DBClusterMembers: [], TagList: [{ Key: 'k', Value: 'v' }] });
    expect(cluster.VpcSecurityGroups?.map((g) => g.VpcSecurityGroupId)).toEqual(['sg-01c1000000000000d']);
    await rds().send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: 'pitr-1-a',
        DBClusterIdentifier: 'pitr-1',
        DBInstanceClass: 'db.r6g.large',
        Engine: 'aurora-postgresql',
      }),
    );
    const seen: string[] = [];
    for (let look = 0; look < 3; look++) {
      seen.push(
        (await rds().send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'pitr-1-a' }))).DBInstances![0]
          .DBInstanceStatus!,
      );
    }
    expect(seen).toEqual(['creating', 'backing-up', 'available']);
  });

  it('deletes a cluster only once its instances are being deleted, and it is gone after a describe', async () => {
    await rds().send(
      new RestoreDBClusterToPointInTimeCommand({
        SourceDBClusterIdentifier: 'idp-aurora-primary',
        DBClusterIdentifier: 'gone',
        UseLatestRestorableTime: true,
      }),
    );
    await status('gone');
    await rds().send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: 'gone-1',
        DBClusterIdentifier: 'gone',
        DBInstanceClass: 'db.t4g.medium',
        Engine: 'aurora-postgresql',
      }),
    );
    const early = await errorOf(
      rds().send(new DeleteDBClusterCommand({ DBClusterIdentifier: 'gone', SkipFinalSnapshot: true })),
    );
    expect(early.name).toBe('InvalidDBClusterStateFault');
    await rds().send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'gone-1' }));
    await rds().send(new DeleteDBClusterCommand({ DBClusterIdentifier: 'gone', SkipFinalSnapshot: true }));
    expect(await status('gone')).toBe('deleting');
    expect((await errorOf(rds().send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'gone' })))).name).toBe(
      'DBClusterNotFoundFault',
    );
  });

  it('refuses to delete a member of a global database', async () => {
    const error = await errorOf(
      rds().send(new DeleteDBClusterCommand({ DBClusterIdentifier: 'idp-aurora-primary', SkipFinalSnapshot: true })),
    );
    expect(error.name).toBe('InvalidDBClusterStateFault');
  });

  it('switches a global cluster over: pending, switching-over, then the secondary writes', async () => {
    await rds('us-west-2').send(
      new SwitchoverGlobalClusterCommand({
        GlobalClusterIdentifier: 'idp-aurora-global',
        TargetDbClusterIdentifier: SECONDARY,
      }),
    );
    const looks: (string | undefined)[] = [];
    let writer: string | undefined;
    for (let look = 0; look < 3; look++) {
      const [global] = (
        await rds('us-west-2').send(new DescribeGlobalClustersCommand({ GlobalClusterIdentifier: 'idp-aurora-global' }))
      ).GlobalClusters!;
      looks.push(global.FailoverState?.Status);
      writer = global.GlobalClusterMembers?.find((m) => m.IsWriter)?.DBClusterArn;
    }
    expect(looks).toEqual(['pending', 'switching-over', undefined]);
    expect(writer).toBe(SECONDARY);
    const [secondary] = (
      await rds('us-west-2').send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'idp-aurora-secondary' }))
    ).DBClusters!;
    expect(secondary.DBClusterMembers?.[0].IsClusterWriter).toBe(true);
  });

  it('refuses a failover without AllowDataLoss or Switchover, and a second one while one runs', async () => {
    const target = { GlobalClusterIdentifier: 'idp-aurora-global', TargetDbClusterIdentifier: SECONDARY };
    expect((await errorOf(rds().send(new FailoverGlobalClusterCommand(target)))).name).toBe(
      'InvalidParameterCombination',
    );
    await rds().send(new FailoverGlobalClusterCommand({ ...target, AllowDataLoss: true }));
    expect((await errorOf(rds().send(new SwitchoverGlobalClusterCommand(target)))).name).toBe(
      'InvalidGlobalClusterStateFault',
    );
  });

  it('answers the Data API from row counts once the HTTP endpoint is on and an instance is available', async () => {
    const data = awsClient(RDSDataClient, 'us-east-1');
    const query = {
      resourceArn: 'arn:aws:rds:us-east-1:123456789012:cluster:idp-aurora-primary',
      secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:idp-autopilot/restore-test/aurora-77c4cb',
      database: 'idp',
      sql: 'SELECT count(*) FROM documents',
    };
    expect((await errorOf(data.send(new ExecuteStatementCommand(query)))).name).toBe('HttpEndpointNotEnabledException');
    await rds().send(new EnableHttpEndpointCommand({ ResourceArn: query.resourceArn }));
    const answer = await data.send(new ExecuteStatementCommand(query));
    expect(answer.records?.[0]?.[0]).toEqual({ longValue: 1834211 });
    expect(
      (await errorOf(data.send(new ExecuteStatementCommand({ ...query, sql: 'SELECT count(*) FROM nope' })))).name,
    ).toBe('DatabaseErrorException');
  });
});

describe('AWS Backup restore jobs', () => {
  const account = useSandbox();
  const backup = () => awsClient(BackupClient, 'us-east-1');
  const AURORA_POINT = 'arn:aws:rds:us-east-1:123456789012:cluster-snapshot:awsbackup:job-idp-aurora-primary-1d';

  it('runs PENDING, RUNNING, then COMPLETED with the cluster it created; one job per idempotency token', async () => {
    const start = {
      RecoveryPointArn: AURORA_POINT,
      Metadata: { dbClusterIdentifier: 'copy-1', engine: 'aurora-postgresql' },
      IdempotencyToken: 't1',
    };
    const { RestoreJobId } = await backup().send(new StartRestoreJobCommand(start));
    expect((await backup().send(new StartRestoreJobCommand(start))).RestoreJobId).toBe(RestoreJobId);
    const statuses: string[] = [];
    let created: string | undefined;
    for (let look = 0; look < 3; look++) {
      const job = await backup().send(new DescribeRestoreJobCommand({ RestoreJobId }));
      statuses.push(job.Status!);
      created = job.CreatedResourceArn;
    }
    expect(statuses).toEqual(['PENDING', 'RUNNING', 'COMPLETED']);
    expect(created).toBe('arn:aws:rds:us-east-1:123456789012:cluster:copy-1');
    expect(await status('copy-1')).toBe('available');
    await backup().send(new PutRestoreValidationResultCommand({ RestoreJobId, ValidationStatus: 'SUCCESSFUL' }));
  });

  it('fails a job with the status message of a refused restore, and takes no validation for it', async () => {
    account().state.regions['us-east-1'].backup.vaults[0].recoveryPoints[4].restoreFails = 'KMS key disabled';
    const { RestoreJobId } = await backup().send(
      new StartRestoreJobCommand({
        RecoveryPointArn: AURORA_POINT,
        Metadata: { dbClusterIdentifier: 'copy-2', engine: 'aurora-postgresql' },
      }),
    );
    for (let look = 0; look < 2; look++) await backup().send(new DescribeRestoreJobCommand({ RestoreJobId }));
    expect(await backup().send(new DescribeRestoreJobCommand({ RestoreJobId }))).toMatchObject({
      Status: 'FAILED',
      StatusMessage: 'KMS key disabled',
    });
    const refused = await errorOf(
      backup().send(new PutRestoreValidationResultCommand({ RestoreJobId, ValidationStatus: 'FAILED' })),
    );
    expect(refused.name).toBe('InvalidRequestException');
  });

  it('refuses a restore without the metadata its type needs', async () => {
    const error = await errorOf(
      backup().send(
        new StartRestoreJobCommand({ RecoveryPointArn: AURORA_POINT, Metadata: { engine: 'aurora-postgresql' } }),
      ),
    );
    expect(error.name).toBe('InvalidParameterValueException');
  });
});

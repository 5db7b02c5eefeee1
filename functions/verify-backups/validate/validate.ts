// Whether a restored resource is usable, one look at a time (the state machine loops while VALIDATING, with a
// timeout): an EBS volume available; an EC2 instance running; an Aurora cluster with an instance created in it and
// available, then the configured Data API query answering at least its minimum; an RDS instance available; an S3
// bucket holding objects. Only what was read back counts.
import { DescribeInstancesCommand, DescribeVolumesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { DescribeDBInstancesCommand, EnableHttpEndpointCommand, type RDSClient } from '@aws-sdk/client-rds';
import { ExecuteStatementCommand, type RDSDataClient } from '@aws-sdk/client-rds-data';
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { advanceClusterInstance } from '../../shared/dr/cluster-instance.ts';
import type { Recorder } from '../../shared/instance/steps.ts';
import type { VerifyBackupsSettings } from '../config.ts';
import type { Restored } from '../restored.ts';

export type Validation = { status: 'VALIDATING' | 'SUCCESSFUL' | 'FAILED'; message: string };

export interface ValidationClients {
  ec2: EC2Client;
  rds: RDSClient;
  rdsData: RDSDataClient;
  s3: S3Client;
}

const DB_DEAD_ENDS =
  /^(failed|inaccessible-encryption-credentials.*|incompatible-.*|insufficient-capacity|restore-error|storage-full)$/;

async function volume(
  clients: ValidationClients,
  restored: Restored,
  settings: VerifyBackupsSettings,
): Promise<Validation> {
  const { Volumes = [] } = await clients.ec2.send(new DescribeVolumesCommand({ VolumeIds: [restored.id] }));
  const found = Volumes[0];
  if (found?.State === 'creating') return { status: 'VALIDATING', message: `volume ${restored.id} is creating` };
  if (found?.State !== 'available')
    return { status: 'FAILED', message: `volume ${restored.id} is ${found?.State ?? 'gone'}` };
  if (settings.requireEncryption && !found.Encrypted) {
    return { status: 'FAILED', message: `volume ${restored.id} was restored unencrypted` };
  }
  return {
    status: 'SUCCESSFUL',
    message: `volume ${restored.id} available (${found.Size} GiB${found.Encrypted ? ', encrypted' : ''})`,
  };
}

async function instance(clients: ValidationClients, restored: Restored): Promise<Validation> {
  const { Reservations = [] } = await clients.ec2.send(new DescribeInstancesCommand({ InstanceIds: [restored.id] }));
  const state = Reservations[0]?.Instances?.[0]?.State?.Name;
  if (state === 'pending') return { status: 'VALIDATING', message: `instance ${restored.id} is pending` };
  if (state !== 'running') return { status: 'FAILED', message: `instance ${restored.id} is ${state ?? 'gone'}` };
  return { status: 'SUCCESSFUL', message: `instance ${restored.id} running` };
}

async function dataApiQuery(
  clients: ValidationClients,
  restored: Restored,
  settings: VerifyBackupsSettings,
  recorder: Recorder,
): Promise<Validation | undefined> {
  const check = settings.dataApiCheck;
  const secretArn = check?.secretArns[restored.region];
  if (!check || !secretArn) return undefined;
  await recorder.act(
    {
      action: 'rds:EnableHttpEndpoint',
      resource: restored.arn,
      region: restored.region,
      detail: { why: 'the Data API check' },
    },
    () => clients.rds.send(new EnableHttpEndpointCommand({ ResourceArn: restored.arn })),
  );
  try {
    const answer = await clients.rdsData.send(
      new ExecuteStatementCommand({ resourceArn: restored.arn, secretArn, database: check.database, sql: check.sql }),
    );
    const field = answer.records?.[0]?.[0];
    const value = Number(field?.longValue ?? field?.doubleValue ?? field?.stringValue ?? Number.NaN);
    if (!(value >= check.minValue)) {
      return {
        status: 'FAILED',
        message: `"${check.sql}" answered ${Number.isNaN(value) ? 'no number' : value} (at least ${check.minValue} expected)`,
      };
    }
    return { status: 'SUCCESSFUL', message: `"${check.sql}" answered ${value}` };
  } catch (error) {
    const name = (error as Error).name;
    // The database may still be starting to accept connections: look again.
    if (['DatabaseUnavailableException', 'DatabaseResumingException', 'StatementTimeoutException'].includes(name)) {
      return { status: 'VALIDATING', message: `the Data API answered ${name}` };
    }
    return { status: 'FAILED', message: `"${check.sql}" failed: ${name}: ${(error as Error).message}`.slice(0, 300) };
  }
}

async function cluster(
  clients: ValidationClients,
  restored: Restored,
  settings: VerifyBackupsSettings,
  recorder: Recorder,
  tags: { Key: string; Value: string }[],
): Promise<Validation> {
  const progress = await advanceClusterInstance(
    clients.rds,
    {
      region: restored.region,
      clusterId: restored.id,
      instanceId: `${restored.id}-1`,
      instanceClass: settings.instanceClasses.aurora,
      tags,
    },
    recorder,
  );
  if (progress.phase === 'failed')
    return { status: 'FAILED', message: progress.status ?? 'the restored cluster failed' };
  if (progress.phase === 'creating') {
    return {
      status: 'VALIDATING',
      message: `cluster ${progress.clusterStatus}, instance ${progress.instanceStatus ?? 'not created yet'}`,
    };
  }
  return (
    (await dataApiQuery(clients, restored, settings, recorder)) ?? {
      status: 'SUCCESSFUL',
      message: `cluster ${restored.id} available with instance ${restored.id}-1`,
    }
  );
}

async function database(clients: ValidationClients, restored: Restored): Promise<Validation> {
  const { DBInstances = [] } = await clients.rds.send(
    new DescribeDBInstancesCommand({ DBInstanceIdentifier: restored.id }),
  );
  const status = DBInstances[0]?.DBInstanceStatus ?? 'gone';
  if (status === 'available') return { status: 'SUCCESSFUL', message: `instance ${restored.id} available` };
  if (DB_DEAD_ENDS.test(status)) return { status: 'FAILED', message: `instance ${restored.id} is ${status}` };
  return { status: 'VALIDATING', message: `instance ${restored.id} is ${status}` };
}

async function bucket(clients: ValidationClients, restored: Restored): Promise<Validation> {
  const listed = await clients.s3.send(new ListObjectsV2Command({ Bucket: restored.id, MaxKeys: 1000 }));
  const count = listed.KeyCount ?? 0;
  if (!count) return { status: 'FAILED', message: `restored bucket ${restored.id} is empty` };
  return {
    status: 'SUCCESSFUL',
    message: `restored bucket ${restored.id} holds ${count}${listed.IsTruncated ? '+' : ''} object(s)`,
  };
}

/** One look at the restored resource. */
export async function validateRestored(
  clients: ValidationClients,
  restored: Restored,
  settings: VerifyBackupsSettings,
  recorder: Recorder,
  tags: { Key: string; Value: string }[],
): Promise<Validation> {
  switch (restored.kind) {
    case 'volume':
      return volume(clients, restored, settings);
    case 'instance':
      return instance(clients, restored);
    case 'cluster':
      return cluster(clients, restored, settings, recorder, tags);
    case 'db':
      return database(clients, restored);
    case 'bucket':
      return bucket(clients, restored);
  }
}

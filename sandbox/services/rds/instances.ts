// Amazon RDS DB instances of Aurora clusters: CreateDBInstance (a new reader in an existing cluster) and
// DescribeDBInstances (by identifier, or Filters db-cluster-id / db-instance-id; MaxRecords 20-100 with Marker). A new
// instance is `creating` and `available` on a later describe (services/progress.ts); it joins the cluster's members
// as a reader at once. Errors as the SDK names them: DBInstanceAlreadyExistsFault, DBClusterNotFoundFault,
// InvalidDBClusterStateFault, DBInstanceNotFoundFault, InvalidParameterValue, InvalidParameterCombination.
// The seed's cluster members get their instance records from sandbox/seed/rds-instances.ts.
import type { CreateDBInstanceMessage, DescribeDBInstancesMessage } from '@aws-sdk/client-rds';
import { awsError } from '../../errors.ts';
import type { DbInstanceRec } from '../../state.ts';
import { paginate } from '../pagination.ts';
import { advance, pendingChange } from '../progress.ts';
import type { HandlerContext, Handlers } from '../types.ts';

const IDENTIFIER = /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{0,62}$/;

function instances(ctx: HandlerContext): DbInstanceRec[] {
  ctx.regional.rds.instances ??= [];
  return ctx.regional.rds.instances;
}

const present = ({ pending: _pending, ...shown }: DbInstanceRec) => shown;

/** A describe: an instance whose creation time has come is available. */
function settle(ctx: HandlerContext, instance: DbInstanceRec) {
  if (instance.pending && advance(ctx, instance.pending)) {
    delete instance.pending;
    instance.DBInstanceStatus = 'available';
  }
  return present(instance);
}

function createDBInstance(ctx: HandlerContext, input: CreateDBInstanceMessage) {
  const id = input.DBInstanceIdentifier ?? '';
  if (!IDENTIFIER.test(id) || id.endsWith('-')) {
    throw awsError(
      'InvalidParameterValue',
      'The parameter DBInstanceIdentifier is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens.',
    );
  }
  if (!input.DBInstanceClass) throw awsError('InvalidParameterValue', 'DBInstanceClass is required.');
  if (instances(ctx).some((i) => i.DBInstanceIdentifier.toLowerCase() === id.toLowerCase())) {
    throw awsError('DBInstanceAlreadyExistsFault', 'DB instance already exists');
  }
  const cluster = ctx.regional.rds.clusters.find((c) => c.DBClusterIdentifier === input.DBClusterIdentifier);
  if (!input.DBClusterIdentifier || !cluster) {
    throw awsError('DBClusterNotFoundFault', `DBCluster ${input.DBClusterIdentifier} not found.`, { status: 404 });
  }
  if (input.Engine !== cluster.Engine) {
    throw awsError(
      'InvalidParameterCombination',
      `The engine name requested for your DB instance (${input.Engine}) doesn't match the engine name of your DB cluster (${cluster.Engine}).`,
    );
  }
  if (cluster.Status !== 'available') {
    throw awsError('InvalidDBClusterStateFault', `DB cluster ${cluster.DBClusterIdentifier} is not available.`);
  }
  const lower = id.toLowerCase();
  const instance: DbInstanceRec = {
    DBInstanceIdentifier: lower,
    DBInstanceArn: `arn:aws:rds:${ctx.region}:${ctx.accountId}:db:${lower}`,
    DBInstanceClass: input.DBInstanceClass,
    Engine: cluster.Engine,
    EngineVersion: cluster.EngineVersion,
    DBInstanceStatus: 'creating',
    DBClusterIdentifier: cluster.DBClusterIdentifier,
    AvailabilityZone: input.AvailabilityZone ?? `${ctx.region}a`,
    PromotionTier: input.PromotionTier ?? 1,
    PubliclyAccessible: false,
    pending: pendingChange(ctx, { reads: 2, seconds: 600 }),
  };
  instances(ctx).push(instance);
  cluster.members.push({ DBInstanceIdentifier: lower, IsClusterWriter: false });
  return { DBInstance: present(instance) };
}

function describeDBInstances(ctx: HandlerContext, input: DescribeDBInstancesMessage) {
  const max = input.MaxRecords ?? 100;
  if (max < 20 || max > 100) throw awsError('InvalidParameterValue', 'MaxRecords must be between 20 and 100.');
  let selected = instances(ctx);
  if (input.DBInstanceIdentifier) {
    selected = selected.filter((i) => i.DBInstanceIdentifier === input.DBInstanceIdentifier!.toLowerCase());
    if (!selected.length) {
      throw awsError('DBInstanceNotFoundFault', `DBInstance ${input.DBInstanceIdentifier} not found.`, {
        status: 404,
      });
    }
  }
  for (const filter of input.Filters ?? []) {
    const values = filter.Values ?? [];
    if (filter.Name === 'db-cluster-id')
      selected = selected.filter((i) => values.includes(i.DBClusterIdentifier ?? ''));
    else if (filter.Name === 'db-instance-id')
      selected = selected.filter((i) => values.includes(i.DBInstanceIdentifier));
    else throw awsError('InvalidParameterValue', `Unrecognized filter name: ${filter.Name}.`);
  }
  const page = paginate(selected, (i) => i.DBInstanceIdentifier, {
    token: input.Marker,
    pageSize: max,
    invalidToken: () => awsError('InvalidParameterValue', 'Invalid marker.'),
  });
  return { DBInstances: page.items.map((instance) => settle(ctx, instance)), Marker: page.nextToken };
}

export const dbInstanceHandlers: Handlers = {
  CreateDBInstance: createDBInstance,
  DescribeDBInstances: describeDBInstances,
};

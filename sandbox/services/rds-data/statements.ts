// The RDS Data API: ExecuteStatement against an Aurora cluster whose HTTP endpoint is enabled, with the credentials
// of a Secrets Manager secret of the cluster's region; the cluster needs an available instance to answer
// (DatabaseUnavailableException otherwise). The sandbox holds no database: it answers `SELECT 1` and
// `SELECT count(*) FROM <table>` from the cluster's seeded row counts; any other statement is not modelled.
import type { ExecuteStatementRequest } from '@aws-sdk/client-rds-data';
import { awsError, NotImplementedInSandbox } from '../../errors.ts';
import type { HandlerContext, Handlers } from '../types.ts';

const badRequest = (message: string) => awsError('BadRequestException', message);

function executeStatement(ctx: HandlerContext, input: ExecuteStatementRequest) {
  if (!input.resourceArn || !input.secretArn || !input.sql) {
    throw badRequest('resourceArn, secretArn and sql are required');
  }
  const cluster = ctx.regional.rds.clusters.find((c) => c.DBClusterArn === input.resourceArn);
  if (!cluster) throw badRequest(`Cluster ${input.resourceArn} not found`);
  if (!cluster.HttpEndpointEnabled) {
    throw awsError(
      'HttpEndpointNotEnabledException',
      `HttpEndpoint is not enabled for cluster ${cluster.DBClusterIdentifier}.`,
    );
  }
  if (!ctx.regional.secretsManager.secrets.some((s) => s.ARN === input.secretArn)) {
    throw awsError('SecretsErrorException', `Secrets Manager can't find the specified secret ${input.secretArn}.`);
  }
  const available = (ctx.regional.rds.instances ?? []).some(
    (i) => i.DBClusterIdentifier === cluster.DBClusterIdentifier && i.DBInstanceStatus === 'available',
  );
  if (!available) {
    throw awsError('DatabaseUnavailableException', `No available instance in cluster ${cluster.DBClusterIdentifier}.`, {
      status: 504,
    });
  }
  if (input.database && cluster.DatabaseName && input.database !== cluster.DatabaseName) {
    throw awsError('DatabaseNotFoundException', `database "${input.database}" does not exist`);
  }
  const sql = input.sql.trim().replace(/;$/, '');
  if (/^select\s+1$/i.test(sql)) return { records: [[{ longValue: 1 }]], numberOfRecordsUpdated: 0 };
  const count = /^select\s+count\(\*\)\s+from\s+([a-z_][a-z0-9_.]*)$/i.exec(sql);
  if (!count) throw new NotImplementedInSandbox('RDSData', 'ExecuteStatement', `statement "${sql}"`);
  const rows = cluster.tables?.[count[1].toLowerCase()];
  if (rows === undefined) {
    throw awsError('DatabaseErrorException', `ERROR: relation "${count[1]}" does not exist`);
  }
  return { records: [[{ longValue: rows }]], numberOfRecordsUpdated: 0 };
}

export const statementHandlers: Handlers = {
  ExecuteStatement: executeStatement,
};

// AWS Cloud Map services: GetService, UpdateService (the DNS records' TTLs and the description; a record's type
// cannot change, and records left out of the request are removed, as Cloud Map documents) and GetOperation
// (SUBMITTED, then PENDING, then SUCCESS on later reads).
import type { GetOperationRequest, GetServiceRequest, UpdateServiceRequest } from '@aws-sdk/client-servicediscovery';
import { awsError } from '../../errors.ts';
import type { CloudMapOperationRec, CloudMapServiceRec } from '../../state.ts';
import type { HandlerContext, Handlers } from '../types.ts';

function registry(ctx: HandlerContext) {
  ctx.regional.serviceDiscovery ??= { services: [], operations: [] };
  return ctx.regional.serviceDiscovery;
}

function requireService(ctx: HandlerContext, id: string | undefined): CloudMapServiceRec {
  const service = registry(ctx).services.find((s) => s.Id === id);
  if (!service) throw awsError('ServiceNotFound', `Service not found: ${id}`);
  return service;
}

function getService(ctx: HandlerContext, input: GetServiceRequest) {
  return { Service: requireService(ctx, input.Id) };
}

function updateService(ctx: HandlerContext, input: UpdateServiceRequest) {
  const service = requireService(ctx, input.Id);
  const records = input.Service?.DnsConfig?.DnsRecords;
  if (records) {
    if (!records.length) throw awsError('InvalidInput', 'DnsRecords must hold at least one record');
    const types = new Set(service.DnsConfig?.DnsRecords.map((r) => r.Type));
    for (const record of records) {
      if (!types.has(record.Type!)) {
        throw awsError(
          'InvalidInput',
          `You can't change the type of a DNS record (${record.Type} is not one of ${[...types].join(', ')})`,
        );
      }
      if (record.TTL === undefined || record.TTL < 0 || record.TTL > 2147483647) {
        throw awsError('InvalidInput', 'TTL must be between 0 and 2147483647');
      }
    }
  }
  const now = ctx.now().toISOString();
  if (records && service.DnsConfig) {
    service.DnsConfig.DnsRecords = records.map((r) => ({ Type: r.Type!, TTL: r.TTL! }));
  }
  if (input.Service?.Description !== undefined) service.Description = input.Service.Description;
  const operation: CloudMapOperationRec = {
    Id: `${ctx.account.newId('op', 16).replace('-', '')}`,
    Type: 'UPDATE_SERVICE',
    Status: 'SUBMITTED',
    CreateDate: now,
    UpdateDate: now,
    Targets: { SERVICE: service.Id },
    pendingStatuses: ['PENDING', 'SUCCESS'],
  };
  registry(ctx).operations.push(operation);
  return { OperationId: operation.Id };
}

function getOperation(ctx: HandlerContext, input: GetOperationRequest) {
  const operation = registry(ctx).operations.find((o) => o.Id === input.OperationId);
  if (!operation) throw awsError('OperationNotFound', `Operation not found: ${input.OperationId}`);
  const { pendingStatuses: _pending, ...shown } = structuredClone(operation);
  const next = operation.pendingStatuses.shift();
  if (next) {
    operation.Status = next;
    operation.UpdateDate = ctx.now().toISOString();
  }
  return { Operation: shown };
}

export const cloudMapServiceHandlers: Handlers = {
  GetService: getService,
  UpdateService: updateService,
  GetOperation: getOperation,
};

// Route 53 record sets: GetHostedZone, ListResourceRecordSets (Route 53's order: names by their labels reversed,
// then type; StartRecordName/Type/Identifier and MaxItems up to 300 with IsTruncated and the Next* position),
// ChangeResourceRecordSets (all changes of a batch apply or none: InvalidChangeBatch with Route 53's messages for a
// name outside the zone, a CNAME at the apex or beside another type, CREATE of an existing set, DELETE of a missing
// one, an alias whose target is no load balancer; InvalidInput for a set that is neither alias nor TTL + records)
// and GetChange (PENDING on the first read after the change, INSYNC from the next).
import type {
  Change,
  ChangeResourceRecordSetsRequest,
  GetChangeRequest,
  GetHostedZoneRequest,
  ListResourceRecordSetsRequest,
  ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { awsError } from '../../errors.ts';
import { hexFromCounter } from '../../ids.ts';
import type { HostedZoneRec, Route53ChangeRec } from '../../state.ts';
import type { HandlerContext, Handlers } from '../types.ts';

type RecordRec = HostedZoneRec['records'][number];

/** The SDK strips `/hostedzone/` and `/change/` from ids before sending; stored ids keep them. */
const bareId = (id: string | undefined) => (id ?? '').replace(/^\/(hostedzone|change)\//, '');
const dotted = (name: string | undefined) => {
  const lower = (name ?? '').toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
};

export function requireZone(ctx: HandlerContext, id: string | undefined): HostedZoneRec {
  const zone = ctx.state.global.route53.hostedZones.find((z) => bareId(z.Id) === bareId(id));
  if (!zone) throw awsError('NoSuchHostedZone', `No hosted zone found with ID: ${bareId(id)}`, { status: 404 });
  return zone;
}

/** Route 53 lists by name with the labels reversed (com.example.api), then by type, then set identifier. */
const orderKey = (name: string, type = '', identifier = '') =>
  `${dotted(name).split('.').reverse().join('.')}\u0000${type}\u0000${identifier}`;

function getHostedZone(ctx: HandlerContext, input: GetHostedZoneRequest) {
  const zone = requireZone(ctx, input.Id);
  return {
    HostedZone: {
      Id: zone.Id,
      Name: zone.Name,
      CallerReference: `sandbox-${bareId(zone.Id)}`,
      Config: { PrivateZone: zone.PrivateZone },
      ResourceRecordSetCount: zone.records.length,
    },
    DelegationSet: { NameServers: ['ns-1.awsdns-00.com', 'ns-2.awsdns-00.net'] },
  };
}

function listResourceRecordSets(ctx: HandlerContext, input: ListResourceRecordSetsRequest) {
  const zone = requireZone(ctx, input.HostedZoneId);
  if (input.StartRecordType && !input.StartRecordName) {
    throw awsError('InvalidInput', 'StartRecordType requires StartRecordName');
  }
  const max = Math.min(Number(input.MaxItems ?? 300), 300);
  const sorted = [...zone.records].sort((a, b) =>
    orderKey(a.Name, a.Type, a.SetIdentifier).localeCompare(orderKey(b.Name, b.Type, b.SetIdentifier)),
  );
  const from = input.StartRecordName
    ? orderKey(input.StartRecordName, input.StartRecordType, input.StartRecordIdentifier)
    : '';
  const remaining = sorted.filter((r) => orderKey(r.Name, r.Type, r.SetIdentifier) >= from);
  const page = remaining.slice(0, max);
  const next = remaining[max];
  return {
    ResourceRecordSets: page,
    IsTruncated: next !== undefined,
    NextRecordName: next?.Name,
    NextRecordType: next?.Type,
    NextRecordIdentifier: next?.SetIdentifier,
    MaxItems: max,
  };
}

const sameSet = (record: RecordRec, set: ResourceRecordSet) =>
  dotted(record.Name) === dotted(set.Name) && record.Type === set.Type && record.SetIdentifier === set.SetIdentifier;

/** Why Route 53 refuses this change against `records` (the zone as the earlier changes of the batch left it). */
function problemOf(ctx: HandlerContext, zone: HostedZoneRec, records: RecordRec[], change: Change): string | undefined {
  const set = change.ResourceRecordSet!;
  const name = dotted(set.Name);
  const what = `[name='${name}', type='${set.Type}'${set.SetIdentifier ? `, set-identifier='${set.SetIdentifier}'` : ''}]`;
  if (name !== zone.Name && !name.endsWith(`.${zone.Name}`)) {
    return `RRSet with DNS name ${name} is not permitted in zone ${zone.Name}`;
  }
  const existing = records.find((r) => sameSet(r, set));
  if (change.Action === 'DELETE') {
    return existing ? undefined : `Tried to delete resource record set ${what} but it was not found`;
  }
  if (change.Action === 'CREATE' && existing)
    return `Tried to create resource record set ${what} but it already exists`;
  if (set.Type === 'CNAME' && name === zone.Name) {
    return `RRSet of type CNAME with DNS name ${name} is not permitted at apex in zone ${zone.Name}`;
  }
  const sameName = records.filter((r) => dotted(r.Name) === name && r !== existing);
  const conflict = sameName.find((r) => (set.Type === 'CNAME') !== (r.Type === 'CNAME'));
  if (conflict) {
    return `RRSet of type ${set.Type} with DNS name ${name} is not permitted because a conflicting RRSet of type ${conflict.Type} with the same DNS name already exists in zone ${zone.Name}`;
  }
  if (set.AliasTarget) {
    const target = dotted(set.AliasTarget.DNSName).replace(/^dualstack\./, '');
    const balancer = Object.values(ctx.state.regions)
      .flatMap((region) => region.elbv2.loadBalancers)
      .find((lb) => dotted(lb.DNSName) === target && lb.CanonicalHostedZoneId === set.AliasTarget?.HostedZoneId);
    if (!balancer) {
      return `Tried to create an alias that targets ${target}, type ${set.Type} in zone ${set.AliasTarget.HostedZoneId}, but the alias target name does not lie within the target zone`;
    }
  }
  return undefined;
}

function checkShape(set: ResourceRecordSet | undefined): void {
  const plain = set?.TTL !== undefined && (set.ResourceRecords?.length ?? 0) > 0;
  if (!set?.Name || !set.Type || plain === Boolean(set.AliasTarget)) {
    throw awsError(
      'InvalidInput',
      'Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none or more than one.',
    );
  }
}

function changeResourceRecordSets(ctx: HandlerContext, input: ChangeResourceRecordSetsRequest) {
  const zone = requireZone(ctx, input.HostedZoneId);
  const changes = input.ChangeBatch?.Changes ?? [];
  if (!changes.length) throw awsError('InvalidInput', 'ChangeBatch.Changes must hold at least one change');
  const records = structuredClone(zone.records);
  const problems: string[] = [];
  for (const change of changes) {
    if (change.Action !== 'DELETE') checkShape(change.ResourceRecordSet);
    const problem = problemOf(ctx, zone, records, change);
    if (problem) {
      problems.push(problem);
      continue;
    }
    const set = change.ResourceRecordSet!;
    const at = records.findIndex((r) => sameSet(r, set));
    if (at >= 0) records.splice(at, 1);
    if (change.Action !== 'DELETE') records.push({ ...structuredClone(set), Name: dotted(set.Name) } as RecordRec);
  }
  if (problems.length)
    throw awsError('InvalidChangeBatch', `[${problems.join(', ')}]`, { fields: { messages: problems } });
  zone.records = records;
  ctx.state.global.route53.changes ??= [];
  const change: Route53ChangeRec = {
    Id: `/change/C${hexFromCounter(ctx.account.nextCounter(), 20).toUpperCase()}`,
    Status: 'PENDING',
    SubmittedAt: ctx.now().toISOString(),
    Comment: input.ChangeBatch?.Comment,
    pendingReads: 1,
  };
  ctx.state.global.route53.changes.push(change);
  return {
    ChangeInfo: { Id: change.Id, Status: change.Status, SubmittedAt: change.SubmittedAt, Comment: change.Comment },
  };
}

function getChange(ctx: HandlerContext, input: GetChangeRequest) {
  const change = (ctx.state.global.route53.changes ?? []).find((c) => bareId(c.Id) === bareId(input.Id));
  if (!change) throw awsError('NoSuchChange', `A change with the specified change ID does not exist.`, { status: 404 });
  const shown = { Id: change.Id, Status: change.Status, SubmittedAt: change.SubmittedAt, Comment: change.Comment };
  change.pendingReads -= 1;
  if (change.pendingReads <= 0) change.Status = 'INSYNC';
  return { ChangeInfo: shown };
}

export const recordSetHandlers: Handlers = {
  GetHostedZone: getHostedZone,
  ListResourceRecordSets: listResourceRecordSets,
  ChangeResourceRecordSets: changeResourceRecordSets,
  GetChange: getChange,
};

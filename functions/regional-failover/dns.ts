// The DNS side of a failover, validated before anything is promoted: the zone exists and holds the name, the
// secondary load balancer exists, and the change Route 53 will be asked for can be made (a CNAME is not allowed at
// the zone apex nor beside other records of the name; an alias is not allowed beside a CNAME). The change is the
// runbook's UPSERT of a CNAME with a short TTL to the secondary load balancer, or an alias A record to it for a name
// at the apex; a Cloud Map service's records get the short TTL (the runbook's update-service).
import {
  DescribeLoadBalancersCommand,
  type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  GetHostedZoneCommand,
  ListResourceRecordSetsCommand,
  type ResourceRecordSet,
  type Route53Client,
} from '@aws-sdk/client-route-53';
import type { RegionalFailoverSettings } from './config.ts';

type Dns = RegionalFailoverSettings['dns'];

const dotted = (name: string) => (name.endsWith('.') ? name : `${name}.`).toLowerCase();

export interface DnsPlan {
  hostedZoneId: string;
  zoneName: string;
  recordSet: ResourceRecordSet;
  /** The records of the name now, in words. */
  current: string[];
  /** The record already points at the secondary load balancer. */
  inPlace: boolean;
}

/** The record set a failover UPSERTs, once the secondary load balancer is known. */
function recordSetFor(dns: Dns, balancer: { DNSName?: string; CanonicalHostedZoneId?: string }): ResourceRecordSet {
  if (dns.type === 'CNAME') {
    return {
      Name: dotted(dns.recordName),
      Type: 'CNAME',
      TTL: dns.ttl,
      ResourceRecords: [{ Value: balancer.DNSName! }],
    };
  }
  return {
    Name: dotted(dns.recordName),
    Type: 'A',
    AliasTarget: {
      HostedZoneId: balancer.CanonicalHostedZoneId!,
      DNSName: `dualstack.${balancer.DNSName}.`,
      EvaluateTargetHealth: true,
    },
  };
}

const describe = (r: ResourceRecordSet) =>
  `${r.Type}${r.SetIdentifier ? ` (${r.SetIdentifier})` : ''} -> ${r.AliasTarget ? `alias ${r.AliasTarget.DNSName}` : (r.ResourceRecords ?? []).map((v) => v.Value).join(', ')}${r.TTL !== undefined ? ` TTL ${r.TTL}` : ''}`;

/**
 * Validates and plans the change (GetHostedZone, ListResourceRecordSets from the name, DescribeLoadBalancers in the
 * secondary region). Returns the plan, or the problems that block it.
 */
export async function planDns(
  route53: Route53Client,
  elbv2: ElasticLoadBalancingV2Client,
  dns: Dns,
): Promise<{ plan?: DnsPlan; problems: string[] }> {
  if (!dns.hostedZoneId) return { problems: ['playbooks.regionalFailover.dns.hostedZoneId is not configured'] };
  const { HostedZone } = await route53.send(new GetHostedZoneCommand({ Id: dns.hostedZoneId }));
  const zoneName = dotted(HostedZone?.Name ?? '');
  const name = dotted(dns.recordName);
  const problems: string[] = [];
  if (name !== zoneName && !name.endsWith(`.${zoneName}`)) problems.push(`${name} is not in zone ${zoneName}`);
  const listed = await route53.send(
    new ListResourceRecordSetsCommand({ HostedZoneId: dns.hostedZoneId, StartRecordName: name, MaxItems: 100 }),
  );
  const ofName = (listed.ResourceRecordSets ?? []).filter((r) => dotted(r.Name ?? '') === name);
  if (dns.type === 'CNAME') {
    if (name === zoneName) problems.push(`${name} is the zone apex: a CNAME is not allowed there (use type ALIAS)`);
    const others = ofName.filter((r) => r.Type !== 'CNAME');
    if (others.length)
      problems.push(`${name} has ${others.map((r) => r.Type).join(', ')} record(s): a CNAME cannot be beside them`);
  } else if (ofName.some((r) => r.Type === 'CNAME')) {
    problems.push(`${name} is a CNAME: an alias A record cannot be beside it (use type CNAME)`);
  }
  const { LoadBalancers = [] } = await elbv2.send(new DescribeLoadBalancersCommand({ Names: [dns.loadBalancerName] }));
  const balancer = LoadBalancers[0];
  if (!balancer?.DNSName) problems.push(`no load balancer ${dns.loadBalancerName} in the secondary region`);
  if (problems.length || !balancer) return { problems };
  const recordSet = recordSetFor(dns, balancer);
  const target = (recordSet.ResourceRecords?.[0]?.Value ?? recordSet.AliasTarget?.DNSName ?? '').toLowerCase();
  const inPlace = ofName.some(
    (r) =>
      r.Type === recordSet.Type &&
      (r.ResourceRecords?.[0]?.Value ?? r.AliasTarget?.DNSName ?? '').toLowerCase() === target &&
      (recordSet.TTL === undefined || r.TTL === recordSet.TTL),
  );
  return {
    plan: { hostedZoneId: dns.hostedZoneId, zoneName, recordSet, current: ofName.map(describe), inPlace },
    problems,
  };
}

export const describeRecordSet = describe;

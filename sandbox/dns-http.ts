// HTTP GETs to the estate's own names (a synthetic health check after a failover): the host name is resolved through
// the sandbox's Route 53 zones (a CNAME, or an alias A record, to a load balancer; a failover pair answers with its
// PRIMARY unless that load balancer has no healthy target) and the load balancer answers 200 when one of its target
// groups has a healthy target, 503 otherwise. A name no zone holds does not resolve (fetch fails, as with ENOTFOUND).
import type { SandboxAccount } from './account.ts';
import type { HostedZoneRec } from './state.ts';

type RecordRec = HostedZoneRec['records'][number];

const dotted = (name: string) => (name.endsWith('.') ? name : `${name}.`).toLowerCase();

/** The load balancer a DNS name belongs to (its name, or an alias's `dualstack.` form), with its region. */
function balancerNamed(account: SandboxAccount, dnsName: string) {
  const wanted = dotted(dnsName).replace(/^dualstack\./, '');
  for (const [region, state] of Object.entries(account.state.regions)) {
    const lb = state.elbv2.loadBalancers.find((l) => dotted(l.DNSName ?? '') === wanted);
    if (lb) return { region, lb };
  }
  return undefined;
}

function healthyTargets(account: SandboxAccount, target: string): number {
  const found = balancerNamed(account, target);
  if (!found) return 0;
  return account.state.regions[found.region].elbv2.targetGroups
    .filter((tg) => tg.LoadBalancerArns?.includes(found.lb.LoadBalancerArn!))
    .flatMap((tg) => tg.targets)
    .filter((t) => t.State === 'healthy').length;
}

const targetOf = (record: RecordRec) => record.AliasTarget?.DNSName ?? record.ResourceRecords?.[0]?.Value ?? '';

/** The load balancer name a host resolves to, or undefined when no zone holds it. */
export function resolveHost(account: SandboxAccount, host: string): string | undefined {
  const name = dotted(host);
  const records = account.state.global.route53.hostedZones
    .flatMap((zone) => zone.records)
    .filter((r) => dotted(r.Name) === name && ['A', 'AAAA', 'CNAME'].includes(r.Type));
  if (!records.length) return undefined;
  const primary = records.find((r) => r.Failover === 'PRIMARY');
  const secondary = records.find((r) => r.Failover === 'SECONDARY');
  if (primary && secondary) return healthyTargets(account, targetOf(primary)) ? targetOf(primary) : targetOf(secondary);
  return targetOf(records[0]);
}

/** The answer to GET url, or undefined when the host does not resolve. */
export function syntheticGet(
  account: SandboxAccount,
  url: string,
): { status: number; body: string; via: string } | undefined {
  const target = resolveHost(account, new URL(url).hostname);
  if (target === undefined) return undefined;
  const healthy = healthyTargets(account, target);
  return healthy
    ? { status: 200, body: 'ok', via: target }
    : { status: 503, body: 'Service Temporarily Unavailable', via: target };
}

// Seed builders for the global part of the account: IAM, S3 buckets (one namespace, each in a region), Route 53
// and the Cost Explorer daily history.

import { seededRandom } from '../ids.ts';
import type { CostRec } from '../state.ts';
import { derivedHex, mustFind, type Spec } from './util.ts';

/** IAM ids are a 4-letter type prefix + 17 upper-case alphanumerics (AIDA users, AROA roles, AIPA profiles). */
const iamId = (prefix: string, name: string) => `${prefix}${derivedHex(name, 17).toUpperCase()}`;

export function buildIam(spec: Spec = {}, accountId: string): Spec {
  const users = (spec.users ?? []).map(
    ({ accessKeys = [], loginProfile, groups = [], attachedPolicyArns = [], ...u }: Spec) => ({
      UserId: iamId('AIDA', u.UserName),
      Arn: `arn:aws:iam::${accountId}:user/${u.UserName}`,
      Path: '/',
      Tags: [],
      ...u,
      accessKeys: accessKeys.map((k: Spec) => ({ UserName: u.UserName, ...k })),
      loginProfile: loginProfile && { UserName: u.UserName, ...loginProfile },
      groups,
      attachedPolicyArns,
    }),
  );
  const roles = (spec.roles ?? []).map(
    ({ trustedService, trustedAccounts, instanceProfile: _profile, ...r }: Spec) => ({
      RoleId: iamId('AROA', r.RoleName),
      Arn: `arn:aws:iam::${accountId}:role/${r.RoleName}`,
      Path: '/',
      MaxSessionDuration: 3600,
      // IAM returns trust policies URL-encoded.
      AssumeRolePolicyDocument: encodeURIComponent(
        JSON.stringify({
          Version: '2012-10-17',
          // A service role (trustedService) or a cross-account role (trustedAccounts: account ids, their roots).
          Statement: [
            {
              Effect: 'Allow',
              Principal: trustedAccounts
                ? { AWS: trustedAccounts.map((id: string) => `arn:aws:iam::${id}:root`) }
                : { Service: trustedService },
              Action: 'sts:AssumeRole',
            },
          ],
        }),
      ),
      ...r,
    }),
  );
  const instanceProfiles = (spec.roles ?? [])
    .filter((r: Spec) => r.instanceProfile)
    .map((r: Spec) => ({
      InstanceProfileName: r.instanceProfile,
      InstanceProfileId: iamId('AIPA', r.instanceProfile),
      Arn: `arn:aws:iam::${accountId}:instance-profile/${r.instanceProfile}`,
      Path: '/',
      CreateDate: r.CreateDate,
      Roles: [roles.find((role: Spec) => role.RoleName === r.RoleName)],
    }));
  return { users, roles, instanceProfiles };
}

export function buildBuckets(spec: Spec = {}): Spec {
  const buckets = Object.fromEntries((spec.buckets ?? []).map((b: Spec) => [b.Name, { ...b, objects: {} }]));
  return { buckets };
}

/** Hosted zones; an `alias` record points at a region's load balancer, resolved to its DNS name and zone. */
export function buildRoute53(spec: Spec = {}, regions: Record<string, Spec>): Spec {
  const hostedZones = (spec.hostedZones ?? []).map((z: Spec) => ({
    ...z,
    records: z.records.map(({ alias, ...r }: Spec) => {
      if (!alias) return r;
      const lb = mustFind(
        regions[alias.region].elbv2.loadBalancers,
        (l) => l.LoadBalancerName === alias.loadBalancer,
        `load balancer ${alias.loadBalancer} in ${alias.region}`,
      );
      return {
        ...r,
        AliasTarget: {
          HostedZoneId: lb.CanonicalHostedZoneId,
          DNSName: `dualstack.${lb.DNSName}.`,
          EvaluateTargetHealth: true,
        },
      };
    }),
  }));
  return { hostedZones };
}

/**
 * Daily cost per service for the last `days` days up to yesterday (today is still being billed): the baseline
 * with deterministic jitter, multiplied during spikes, plus negative 'Credit' records while credits ran and
 * one-off 'Refund' records; a service listed in startedDaysAgo has no cost before that day.
 */
export function buildCosts(spec: Spec = {}, now: Date): Spec {
  const random = seededRandom(7);
  const daily: CostRec[] = [];
  const days = spec.days ?? 60;
  const within = (daysAgo: number, range: Spec) => daysAgo <= range.fromDaysAgo && daysAgo >= range.toDaysAgo;
  for (let daysAgo = days; daysAgo >= 1; daysAgo--) {
    const date = new Date(now.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    for (const [service, baseline] of Object.entries(spec.services ?? {}) as [string, number][]) {
      // A service adopted mid-history has no records before it started.
      if (daysAgo > (spec.startedDaysAgo?.[service] ?? Number.POSITIVE_INFINITY)) continue;
      const jitter = 1 + (random() * 2 - 1) * (spec.jitter ?? 0);
      const spike = (spec.spikes ?? []).find((s: Spec) => s.service === service && within(daysAgo, s));
      const amount = baseline * jitter * (spike?.factor ?? 1);
      daily.push({ date, service, recordType: 'Usage', amount: Math.round(amount * 100) / 100 });
    }
    for (const credit of spec.credits ?? []) {
      if (within(daysAgo, credit))
        daily.push({ date, service: credit.service, recordType: 'Credit', amount: credit.perDay });
    }
    for (const refund of spec.refunds ?? []) {
      if (refund.daysAgo === daysAgo)
        daily.push({ date, service: refund.service, recordType: 'Refund', amount: refund.amount });
    }
  }
  return { currency: 'USD', daily };
}

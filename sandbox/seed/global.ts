// Seed builders for the global part of the account: IAM, S3 buckets (one namespace, each in a region), Route 53
// and the Cost Explorer daily history.

import { createHash } from 'node:crypto';
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

/**
 * Buckets and their objects: `{Key, body, LastModified}` in a plain bucket; in a versioned one each object lists its
 * `versions` oldest first (`deleteMarker: true` is a delete), the newest non-marker being the current object.
 */
export function buildBuckets(spec: Spec = {}): Spec {
  const buckets = Object.fromEntries(
    (spec.buckets ?? []).map(({ objects = [], ...b }: Spec) => {
      const current: Spec = {};
      const versions: Spec = {};
      for (const { Key, versions: history, ...plain } of objects) {
        if (!history) {
          current[Key] = objectRecord(Key, plain);
          continue;
        }
        versions[Key] = history.map((v: Spec) =>
          v.deleteMarker
            ? {
                Key,
                VersionId: derivedHex(`${b.Name}/${Key}/${v.LastModified}`, 32),
                IsDeleteMarker: true,
                LastModified: v.LastModified,
              }
            : { ...objectRecord(Key, v), VersionId: derivedHex(`${b.Name}/${Key}/${v.LastModified}`, 32) },
        );
        const newest = versions[Key].at(-1);
        if (!newest.IsDeleteMarker) current[Key] = objectRecord(Key, history.at(-1));
      }
      return [b.Name, { ...b, objects: current, ...(b.Versioning ? { versions } : {}) }];
    }),
  );
  return { buckets };
}

function objectRecord(Key: string, spec: Spec): Spec {
  const bytes = Buffer.from(String(spec.body ?? ''), 'utf8');
  return {
    Key,
    BodyBase64: bytes.toString('base64'),
    ContentLength: bytes.length,
    ContentType: spec.ContentType ?? 'application/octet-stream',
    ETag: `"${createHash('md5').update(bytes).digest('hex')}"`,
    LastModified: spec.LastModified,
    StorageClass: 'STANDARD',
  };
}

/**
 * Hosted zones; an `alias` record points at a region's load balancer, resolved to its DNS name and zone; a `cname`
 * record's value is a region's load balancer's DNS name.
 */
export function buildRoute53(spec: Spec = {}, regions: Record<string, Spec>): Spec {
  const balancer = (target: Spec) =>
    mustFind(
      regions[target.region].elbv2.loadBalancers,
      (l) => l.LoadBalancerName === target.loadBalancer,
      `load balancer ${target.loadBalancer} in ${target.region}`,
    );
  const hostedZones = (spec.hostedZones ?? []).map((z: Spec) => ({
    ...z,
    records: z.records.map(({ alias, cname, ...r }: Spec) => {
      if (cname) return { ...r, ResourceRecords: [{ Value: balancer(cname).DNSName }] };
      if (!alias) return r;
      const lb = balancer(alias);
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
 * One account's daily cost per service for the last `days` days up to yesterday (today is still being billed): the
 * baseline with deterministic jitter, multiplied during spikes, plus negative 'Credit' records while credits ran and
 * one-off 'Refund' records; a service listed in startedDaysAgo has no cost before that day. `account` marks the
 * records of a linked account.
 */
function dailyCosts(spec: Spec, days: number, now: Date, random: () => number, account?: string): CostRec[] {
  const daily: CostRec[] = [];
  const linked = account ? { account } : {};
  const within = (daysAgo: number, range: Spec) => daysAgo <= range.fromDaysAgo && daysAgo >= range.toDaysAgo;
  for (let daysAgo = days; daysAgo >= 1; daysAgo--) {
    const date = new Date(now.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    for (const [service, baseline] of Object.entries(spec.services ?? {}) as [string, number][]) {
      // A service adopted mid-history has no records before it started.
      if (daysAgo > (spec.startedDaysAgo?.[service] ?? Number.POSITIVE_INFINITY)) continue;
      const jitter = 1 + (random() * 2 - 1) * (spec.jitter ?? 0);
      const spike = (spec.spikes ?? []).find((s: Spec) => s.service === service && within(daysAgo, s));
      const amount = baseline * jitter * (spike?.factor ?? 1);
      daily.push({ date, service, recordType: 'Usage', amount: Math.round(amount * 100) / 100, ...linked });
    }
    for (const credit of spec.credits ?? []) {
      if (within(daysAgo, credit))
        daily.push({ date, service: credit.service, recordType: 'Credit', amount: credit.perDay, ...linked });
    }
    for (const refund of spec.refunds ?? []) {
      if (refund.daysAgo === daysAgo)
        daily.push({ date, service: refund.service, recordType: 'Refund', amount: refund.amount, ...linked });
    }
  }
  return daily;
}

/**
 * The Cost Explorer history of an account (see dailyCosts), followed by the histories of the linked accounts its
 * consolidated bill covers (`linkedAccounts`, by account id, each the same shape with its own jitter seed), so
 * the same seed always gives the same amounts.
 */
export function buildCosts(spec: Spec = {}, now: Date): Spec {
  const days = spec.days ?? 60;
  const daily = dailyCosts(spec, days, now, seededRandom(7));
  for (const [account, linked] of Object.entries(spec.linkedAccounts ?? {}) as [string, Spec][]) {
    const seed = Number.parseInt(account.slice(-8), 10) || 1;
    daily.push(...dailyCosts({ jitter: spec.jitter, ...linked }, days, now, seededRandom(seed), account));
  }
  return { currency: 'USD', daily };
}

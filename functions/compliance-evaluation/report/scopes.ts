// The readings as one model the run compares with the previous one: scopes (what one reading covers in one account:
// the Config rules of an account's region, the CIS benchmark of an account's region, one image of an account's
// region), each readable or not (with why), and the failures found in the readable ones. Exemptions from config are
// applied here: an active one takes the failure out of the count (it stays listed), an expired one is reported as
// expired and counts again. A member's CIS scope is readable when the home account's Security Hub, its
// administrator, was read in that region and aggregates it (ListMembers: Enabled); its failures are the controls the
// administrator shows with its account id. Findings of accounts this run does not cover are left out.
import type { Exemption, FindingSeverity } from '../config.ts';
import type { CisReading, ImageReading } from '../model/readings.ts';
import type { AccountRef, CisRegion, Readings } from './inputs.ts';

/** The three checks of the runbook. */
export type FailureKind = 'config-rule' | 'cis-control' | 'vulnerability';

/**
 * Where something is, as people read it: `us-east-1` in the home account, `staging/us-east-1` in a member (results
 * stored before accounts were named carry no name: the home account's).
 */
export const whereOf = ({ accountName, region }: { accountName?: string; region: string }) =>
  !accountName || accountName === 'home' ? region : `${accountName}/${region}`;

/** One thing failing now: a non-compliant rule, a failing CIS control, a vulnerability of an image. */
export interface Failure {
  /** Identity across runs: kind, account, region, where (image) and id. */
  key: string;
  kind: FailureKind;
  account: string;
  /** The account's name in this run (`home` for the home account). */
  accountName: string;
  region: string;
  /** Rule name, Security Hub control id, or CVE id. */
  id: string;
  title: string;
  severity?: FindingSeverity;
  /** The image (repository:tag) a vulnerability is in. */
  where?: string;
  /** Failing since (CIS controls) or first observed (vulnerabilities), ISO. */
  since?: string;
  /** How `since` is known: Security Hub's FirstObservedAt, or this playbook's earlier runs. */
  sinceBasis?: 'first-observed' | 'previous-runs' | 'since-previous-run';
  exemption?: { reason: string; expires: string; expired: boolean };
}

/** What one reading covers in one account and region, and what it found. */
export interface Scope {
  key: string;
  kind: FailureKind;
  account: string;
  accountName: string;
  region: string;
  /** What a human calls it: `Config rules us-east-1`, `idp-api:latest staging/us-west-2`. */
  label: string;
  /** The reading succeeded: its failures are the current truth for the scope. */
  readable: boolean;
  /** `ok`, or why the scope could not be read (Security Hub off, no scan, an error). */
  status: string;
  failures: Failure[];
}

/** Whether a failure counts (no exemption, or an expired one). */
export const counts = (failure: Failure) => !failure.exemption || failure.exemption.expired;

function withExemption(failure: Failure, exemptions: Exemption[], today: string): Failure {
  const exemption = exemptions.find(
    (e) => e.id === failure.id && (!e.accounts || e.accounts.includes(failure.account)),
  );
  if (!exemption) return failure;
  return {
    ...failure,
    exemption: { reason: exemption.reason, expires: exemption.expires, expired: exemption.expires < today },
  };
}

function cisStatus(entry: CisRegion, reading: CisReading | undefined): string {
  if (entry.error) return `error: ${entry.error}`;
  if (!reading?.hubEnabled) return 'Security Hub not enabled';
  const off = reading.standards.filter((s) => !reading.read.includes(s.id));
  if (!off.length) return 'ok';
  const states = off.map((s) => `${s.id} ${s.status === 'NOT_ENABLED' ? 'not enabled' : s.status}`).join(', ');
  return reading.read.length ? `ok (${states})` : states;
}

/** Whether the home account's reading of a region covers `account`, and its status as the report shows it. */
function cisCoverage(entry: CisRegion, account: AccountRef, home: string): { readable: boolean; status: string } {
  const reading = entry.reading;
  const status = cisStatus(entry, reading);
  const read = Boolean(reading?.read.length);
  if (account.home) return { readable: read, status };
  if (!read) return { readable: false, status: `${status} in the Security Hub administrator ${home}` };
  const member = reading?.members.find((m) => m.account === account.id);
  if (member?.status === 'Enabled') return { readable: true, status };
  const why = member ? `its member status is ${member.status}` : 'not a member';
  return { readable: false, status: `not aggregated by the Security Hub administrator ${home} (${why})` };
}

function cisScopes(entries: CisRegion[], accounts: AccountRef[], regionsOf: (account: string) => string[]): Scope[] {
  const home = accounts.find((a) => a.home)?.id ?? '';
  return entries.flatMap((entry) =>
    accounts
      .filter((account) => regionsOf(account.id).includes(entry.region))
      .map((account): Scope => {
        const base = { kind: 'cis-control' as const, account: account.id, accountName: account.name };
        const { readable, status } = cisCoverage(entry, account, home);
        return {
          ...base,
          region: entry.region,
          key: `cis-control|${account.id}|${entry.region}`,
          label: `CIS benchmark ${whereOf({ accountName: account.name, region: entry.region })}`,
          readable,
          status,
          failures: (readable ? (entry.reading?.controls ?? []) : [])
            .filter((control) => control.account === account.id)
            .map((control) => ({
              ...base,
              region: entry.region,
              key: `cis-control|${control.account}|${entry.region}|${control.control}`,
              id: control.control,
              title: control.title,
              severity: control.severity,
              since: control.firstObservedAt,
              sinceBasis: 'first-observed' as const,
            })),
        };
      }),
  );
}

function imageStatus(image: ImageReading): string {
  return image.status === 'ok' ? 'ok' : `${image.status}${image.note ? `: ${image.note}` : ''}`;
}

function imageScopes(readings: Readings, configured: (region: string) => string[]): Scope[] {
  return readings.images.flatMap((entry) => {
    const base = { kind: 'vulnerability' as const, account: entry.accountId, accountName: entry.accountName };
    const where = whereOf(entry);
    const images = entry.reading?.images;
    if (!images) {
      // The whole reading failed: every image configured for the region is unknown this time.
      return configured(entry.region).map((image) => ({
        ...base,
        key: `vulnerability|${entry.accountId}|${entry.region}|${image}`,
        region: entry.region,
        label: `${image} ${where}`,
        readable: false,
        status: `error: ${entry.error}`,
        failures: [],
      }));
    }
    return images.map((image) => {
      const repositoryTag = `${image.repository}:${image.tag}`;
      const scopeKey = `vulnerability|${entry.accountId}|${entry.region}|${repositoryTag}`;
      return {
        ...base,
        key: scopeKey,
        region: entry.region,
        label: `${repositoryTag} ${where}`,
        readable: image.status === 'ok',
        status: imageStatus(image),
        failures: image.vulnerabilities.map((v) => ({
          ...base,
          key: `${scopeKey}|${v.id}`,
          region: entry.region,
          id: v.id,
          title: v.packages.map((p) => `${p.name} ${p.installedVersion ?? ''}`.trim()).join(', ') || (v.title ?? v.id),
          severity: v.severity,
          where: repositoryTag,
          since: v.firstObservedAt,
          sinceBasis: 'first-observed' as const,
        })),
      };
    });
  });
}

function configScopes(readings: Readings): Scope[] {
  return readings.config.map((entry) => {
    const base = { kind: 'config-rule' as const, account: entry.accountId, accountName: entry.accountName };
    const key = `config-rule|${entry.accountId}|${entry.region}`;
    const label = `Config rules ${whereOf(entry)}`;
    if (entry.status === 'error') {
      return {
        ...base,
        key,
        region: entry.region,
        label,
        readable: false,
        status: `error: ${entry.error}`,
        failures: [],
      };
    }
    return {
      ...base,
      key,
      region: entry.region,
      label,
      readable: true,
      status: 'ok',
      failures: entry.read.rules
        .filter((rule) => rule.compliance === 'NON_COMPLIANT')
        .map((rule) => ({
          ...base,
          region: entry.region,
          key: `${key}|${rule.rule}`,
          id: rule.rule,
          title: `${rule.rule}${rule.nonCompliantResources ? ` (${rule.nonCompliantResources} resources)` : ''}`,
        })),
    };
  });
}

/** What building the scopes needs from the run and its config. */
export interface ScopeSettings {
  exemptions: Exemption[];
  /** `repository:tag` configured for a region. */
  configuredImages: (region: string) => string[];
  now: Date;
}

/** Every scope of this run with its failures, exemptions applied. */
export function scopesOf(readings: Readings, settings: ScopeSettings): Scope[] {
  const today = settings.now.toISOString().slice(0, 10);
  const regions = new Map<string, string[]>();
  for (const target of readings.targets)
    regions.set(target.accountId, [...(regions.get(target.accountId) ?? []), target.region]);
  return [
    ...configScopes(readings),
    ...cisScopes(readings.cis, readings.accounts, (account) => regions.get(account) ?? []),
    ...imageScopes(readings, settings.configuredImages),
  ].map((scope) => ({
    ...scope,
    failures: scope.failures.map((failure) => withExemption(failure, settings.exemptions, today)),
  }));
}

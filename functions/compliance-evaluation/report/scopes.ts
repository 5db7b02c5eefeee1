// The three readings as one model the run compares with the previous one: scopes (what one reading covers: the
// Config rules of a region, the CIS benchmark of a region, one image in a region), each readable or not (with why),
// and the failures found in the readable ones. Exemptions from config are applied here: an active one takes the
// failure out of the count (it stays listed), an expired one is reported as expired and counts again.
//
// Every scope and failure carries its account: grouping the report by account (once playbooks read member accounts
// through the delegated administrator) is a grouping key, not a new model.
import type { Exemption, FindingSeverity } from '../config.ts';
import type { CisReading, ImageReading } from '../model/readings.ts';
import { type CisRegion, errorText, type ImagesRegion, type Readings } from './inputs.ts';

/** The three checks of the runbook. */
export type FailureKind = 'config-rule' | 'cis-control' | 'vulnerability';

/** One thing failing now: a non-compliant rule, a failing CIS control, a vulnerability of an image. */
export interface Failure {
  /** Identity across runs: kind, account, region, where (image) and id. */
  key: string;
  kind: FailureKind;
  account: string;
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

/** What one reading covers, and what it found. */
export interface Scope {
  key: string;
  kind: FailureKind;
  account: string;
  region: string;
  /** What a human calls it: `Config rules us-east-1`, `idp-api:latest us-west-2`. */
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
  const exemption = exemptions.find((e) => e.id === failure.id);
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

function imageStatus(image: ImageReading): string {
  return image.status === 'ok' ? 'ok' : `${image.status}${image.note ? `: ${image.note}` : ''}`;
}

function cisScopes(entries: CisRegion[], account: string): Scope[] {
  return entries.map((entry) => {
    const reading = entry.reading;
    const scopeAccount = reading?.account ?? account;
    const base = { kind: 'cis-control' as const, account: scopeAccount, region: entry.region };
    return {
      ...base,
      key: `cis-control|${scopeAccount}|${entry.region}`,
      label: `CIS benchmark ${entry.region}`,
      readable: Boolean(reading?.read.length),
      status: cisStatus(entry, reading),
      failures: (reading?.controls ?? []).map((control) => ({
        ...base,
        key: `cis-control|${control.account}|${entry.region}|${control.control}`,
        account: control.account,
        id: control.control,
        title: control.title,
        severity: control.severity,
        since: control.firstObservedAt,
        sinceBasis: 'first-observed' as const,
      })),
    };
  });
}

function imageScopes(entries: ImagesRegion[], account: string, configured: (region: string) => string[]): Scope[] {
  return entries.flatMap((entry) => {
    const images = entry.reading?.images;
    if (!images) {
      // The whole reading failed: every image configured for the region is unknown this time.
      return configured(entry.region).map((where) => ({
        key: `vulnerability|${account}|${entry.region}|${where}`,
        kind: 'vulnerability' as const,
        account,
        region: entry.region,
        label: `${where} ${entry.region}`,
        readable: false,
        status: `error: ${entry.error}`,
        failures: [],
      }));
    }
    return images.map((image) => {
      const where = `${image.repository}:${image.tag}`;
      const scopeKey = `vulnerability|${image.account}|${entry.region}|${where}`;
      return {
        key: scopeKey,
        kind: 'vulnerability' as const,
        account: image.account,
        region: entry.region,
        label: `${where} ${entry.region}`,
        readable: image.status === 'ok',
        status: imageStatus(image),
        failures: image.vulnerabilities.map((v) => ({
          key: `${scopeKey}|${v.id}`,
          kind: 'vulnerability' as const,
          account: image.account,
          region: entry.region,
          id: v.id,
          title: v.packages.map((p) => `${p.name} ${p.installedVersion ?? ''}`.trim()).join(', ') || (v.title ?? v.id),
          severity: v.severity,
          where,
          since: v.firstObservedAt,
          sinceBasis: 'first-observed' as const,
        })),
      };
    });
  });
}

function configScopes(readings: Readings, account: string): Scope[] {
  return readings.config.map((entry) => {
    const base = { kind: 'config-rule' as const, account, region: entry.region };
    const key = `config-rule|${account}|${entry.region}`;
    if (entry.status === 'error') {
      return {
        ...base,
        key,
        label: `Config rules ${entry.region}`,
        readable: false,
        status: `error: ${errorText(entry.error)}`,
        failures: [],
      };
    }
    return {
      ...base,
      key,
      label: `Config rules ${entry.region}`,
      readable: true,
      status: 'ok',
      failures: entry.read.rules
        .filter((rule) => rule.compliance === 'NON_COMPLIANT')
        .map((rule) => ({
          ...base,
          key: `${key}|${rule.rule}`,
          id: rule.rule,
          title: `${rule.rule}${rule.nonCompliantResources ? ` (${rule.nonCompliantResources} resources)` : ''}`,
        })),
    };
  });
}

/** What building the scopes needs from the run and its config. */
export interface ScopeSettings {
  /** The account the run belongs to (for scopes a failed reading could not name). */
  account: string;
  exemptions: Exemption[];
  /** `repository:tag` configured for a region. */
  configuredImages: (region: string) => string[];
  now: Date;
}

/** Every scope of this run with its failures, exemptions applied. */
export function scopesOf(readings: Readings, settings: ScopeSettings): Scope[] {
  const today = settings.now.toISOString().slice(0, 10);
  return [
    ...configScopes(readings, settings.account),
    ...cisScopes(readings.cis, settings.account),
    ...imageScopes(readings.images, settings.account, settings.configuredImages),
  ].map((scope) => ({
    ...scope,
    failures: scope.failures.map((failure) => withExemption(failure, settings.exemptions, today)),
  }));
}

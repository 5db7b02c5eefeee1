// The one message of a run, and only when something changed: SEV3 when a new vulnerability at the image notice
// severity (CRITICAL by default) or a newly failing CIS control at the CIS notice severity (HIGH or worse) appears;
// SEV4 for every other change (fixes, other new failures, a reading lost or back, the first run); nothing at all
// when nothing changed. Sent through the shared notify module, which escapes per channel.
import type { Notice } from '../../shared/notify/message.ts';
import type { FindingSeverity } from '../config.ts';
import { severityRank } from '../model/readings.ts';
import { type Comparison, changed } from './compare.ts';
import { counts, type Failure, type Scope } from './scopes.ts';

/** The notice as publishReport takes it (it adds the playbook and the report link). */
export type ComplianceNotice = Omit<Notice, 'playbook' | 'link'>;

/** The thresholds from config that make a new failure call for SEV3. */
export interface NoticeSettings {
  cisNoticeSeverity: FindingSeverity;
  imageNoticeSeverity: FindingSeverity;
  imageSeverities: FindingSeverity[];
}

const LISTED = 3;

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function listed<T>(items: T[], describe: (item: T) => string): string {
  const shown = items.slice(0, LISTED).map(describe).join(', ');
  return items.length > LISTED ? `${shown}, …` : shown;
}

/** The new failures that call for the SEV3 notice. */
export function urgentFailures(comparison: Comparison, settings: NoticeSettings): Failure[] {
  return comparison.newFailures.filter(
    (f) =>
      (f.kind === 'vulnerability' && severityRank(f.severity) >= severityRank(settings.imageNoticeSeverity)) ||
      (f.kind === 'cis-control' && severityRank(f.severity) >= severityRank(settings.cisNoticeSeverity)),
  );
}

function urgentTitle(urgent: Failure[], settings: NoticeSettings): string {
  const vulnerabilities = urgent.filter((f) => f.kind === 'vulnerability');
  const controls = urgent.filter((f) => f.kind === 'cis-control');
  const parts: string[] = [];
  if (vulnerabilities.length) {
    const severities = [...new Set(vulnerabilities.map((f) => f.severity))].join('/');
    parts.push(
      `${plural(vulnerabilities.length, `new ${severities} vulnerability`, `new ${severities} vulnerabilities`)} (${listed(vulnerabilities, (f) => `${f.id} in ${f.where} ${f.region}`)})`,
    );
  }
  if (controls.length) {
    parts.push(
      `${plural(controls.length, 'newly failing CIS control', 'newly failing CIS controls')} of ${settings.cisNoticeSeverity} or worse (${listed(controls, (f) => `${f.id} ${f.severity} ${f.region}`)})`,
    );
  }
  return `Compliance: ${parts.join(' and ')}`;
}

function facts(comparison: Comparison, scopes: Scope[], settings: NoticeSettings): Record<string, string | number> {
  const failing = (kind: Failure['kind']) =>
    scopes.filter((s) => s.kind === kind).flatMap((s) => s.failures.filter(counts)).length;
  const result: Record<string, string | number> = {
    'New failures': comparison.newFailures.length,
    Fixed: comparison.fixed.length,
    'Config rules non-compliant': failing('config-rule'),
    'CIS controls failing': failing('cis-control'),
    [`Image vulnerabilities (${settings.imageSeverities.join(', ')})`]: failing('vulnerability'),
  };
  const expired = scopes.flatMap((s) => s.failures).filter((f) => f.exemption?.expired);
  if (expired.length) result['Exemptions expired'] = listed(expired, (f) => `${f.id} (${f.exemption?.expires})`);
  const unreadable = scopes.filter((s) => !s.readable);
  if (unreadable.length) result['Not read'] = listed(unreadable, (s) => `${s.label} (${s.status})`);
  if (comparison.statusChanges.length)
    result['Readings changed'] = comparison.statusChanges
      .map((c) => `${c.label}: ${c.to}`)
      .slice(0, LISTED)
      .join('; ');
  return result;
}

function changeParts(c: Comparison): string[] {
  return [
    c.newFailures.length ? plural(c.newFailures.length, 'new failure', 'new failures') : '',
    c.fixed.length ? `${c.fixed.length} fixed` : '',
    c.newlyExempted.length ? `${c.newlyExempted.length} newly exempted` : '',
    c.statusChanges.length ? plural(c.statusChanges.length, 'reading changed', 'readings changed') : '',
  ].filter(Boolean);
}

/** The notice for this run, or undefined when nothing changed since the previous run. */
export function complianceNotice(
  comparison: Comparison,
  scopes: Scope[],
  settings: NoticeSettings,
): ComplianceNotice | undefined {
  if (!changed(comparison)) return undefined;
  const urgent = urgentFailures(comparison, settings);
  const failingNow = scopes.flatMap((s) => s.failures.filter(counts)).length;
  const title = urgent.length
    ? urgentTitle(urgent, settings)
    : comparison.firstRun
      ? `First compliance run: ${plural(failingNow, 'failure', 'failures')} found`
      : `Compliance changed: ${changeParts(comparison).join(', ')}`;
  return {
    kind: 'report',
    severity: urgent.length ? 'SEV3' : 'SEV4',
    title,
    status: comparison.previousRun
      ? `Compared with the run of ${comparison.previousRun.runAt} (${comparison.previousRun.executionName})`
      : 'First run: no earlier results, everything failing counts as new',
    facts: facts(comparison, scopes, settings),
  };
}

// One report for the runbook's three compliance checks (AWS Config rules, the CIS benchmark, image vulnerabilities):
// what changed since the previous run first, then each reading, the exemptions and the actions taken; JSON for
// machines and a self-contained HTML page for people (everything from findings escaped).
import type { AuditRecord } from '../../shared/audit/audit.ts';
import { escapeHtml, htmlPage } from '../../shared/reports/html.ts';
import type { Exemption } from '../config.ts';
import type { Compared } from './compare.ts';
import type { Readings } from './inputs.ts';
import type { ComplianceNotice } from './notice.ts';
import { counts, type Failure, type Scope } from './scopes.ts';
import { cisSection, enablingNote, howToEnable, imagesSection } from './sections.ts';
import { configSection, summarizeConfig } from './summarize.ts';

/** What the report needs besides the readings and the comparison. */
export interface ReportMeta {
  dryRun: boolean;
  now: Date;
  exemptions: Exemption[];
  /** The notice and whether it went out (not on a dry run, not when nothing changed). */
  notice?: ComplianceNotice;
  noticeSent: boolean;
}

/** Readings that could not be used (with why) and what enabling did: the report's notes. */
export function notesOf(readings: Readings, scopes: Scope[]): string[] {
  const unreadable = scopes.filter((s) => s.status !== 'ok').map((s) => `${s.label}: ${s.status}`);
  const enabling = readings.cis.map(enablingNote).filter((note): note is string => Boolean(note));
  return [...unreadable, ...enabling];
}

function exemptionRows(exemptions: Exemption[], scopes: Scope[], now: Date) {
  const today = now.toISOString().slice(0, 10);
  const failures = scopes.flatMap((s) => s.failures);
  return exemptions.map((e) => ({
    ...e,
    expired: e.expires < today,
    matches: failures.filter((f) => f.id === e.id).map((f) => `${f.where ? `${f.where} ` : ''}${f.region}`),
  }));
}

const failureRow = (f: Failure) =>
  `<tr><td>${escapeHtml(f.kind)}</td><td>${escapeHtml(f.region)}</td><td>${escapeHtml(f.id)}</td><td>${escapeHtml(f.severity ?? '')}</td><td>${escapeHtml(`${f.where ? `${f.where}: ` : ''}${f.title}`)}</td></tr>`;

function failureTable(title: string, failures: Failure[]): string {
  if (!failures.length) return '';
  return `<h3>${escapeHtml(title)} (${failures.length})</h3>
<table><tr><th>Kind</th><th>Region</th><th>Id</th><th>Severity</th><th>What</th></tr>
${failures.map(failureRow).join('\n')}</table>`;
}

function changesHtml({ comparison }: Compared, meta: ReportMeta): string {
  const against = comparison.previousRun
    ? `Compared with the run of ${escapeHtml(comparison.previousRun.runAt)} (${escapeHtml(comparison.previousRun.executionName)}).`
    : 'First run: no earlier results, everything failing counts as new.';
  const notice = meta.notice
    ? `${meta.noticeSent ? 'Sent' : 'Not sent (dry run)'}: [${escapeHtml(meta.notice.severity)}] ${escapeHtml(meta.notice.title)}`
    : 'Nothing changed: no notice sent.';
  const statusRows = comparison.statusChanges.map(
    (c) =>
      `<tr><td>${escapeHtml(c.label)}</td><td>${escapeHtml(c.from ?? '(new)')}</td><td>${escapeHtml(c.to)}</td></tr>`,
  );
  return `<h2>What changed since the previous run</h2>
<p>${against} ${notice}</p>
${failureTable('New failures', comparison.newFailures)}
${failureTable('Fixed', comparison.fixed)}
${failureTable('Newly exempted', comparison.newlyExempted)}
${statusRows.length ? `<h3>Readings changed</h3><table><tr><th>Reading</th><th>Was</th><th>Now</th></tr>${statusRows.join('')}</table>` : ''}`;
}

function listHtml(title: string, items: string[]): string {
  return items.length
    ? `<h2>${escapeHtml(title)}</h2><ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`
    : '';
}

function actionsHtml(actions: AuditRecord[]): string {
  if (!actions.length) return '';
  const rows = actions.map(
    (a) =>
      `<tr><td>${escapeHtml(a.region)}</td><td>${escapeHtml(a.action)}</td><td>${escapeHtml(a.resource)}</td><td>${escapeHtml(a.outcome)}</td></tr>`,
  );
  return `<h2>Actions</h2><table><tr><th>Region</th><th>Action</th><th>Resource</th><th>Outcome</th></tr>${rows.join('')}</table>`;
}

/** The report's JSON and HTML. */
export function buildComplianceReport(readings: Readings, compared: Compared, meta: ReportMeta) {
  const { comparison, scopes } = compared;
  const config = summarizeConfig(readings.config);
  const notes = notesOf(readings, scopes);
  const exemptions = exemptionRows(meta.exemptions, scopes, meta.now);
  const failing = scopes.flatMap((s) => s.failures.filter(counts));
  const failureIndex = new Map(scopes.flatMap((s) => s.failures).map((f) => [f.key, f]));
  const json = {
    playbook: 'compliance-evaluation',
    dryRun: meta.dryRun,
    runAt: meta.now.toISOString(),
    ...comparison,
    notice: meta.notice ? { ...meta.notice, sent: meta.noticeSent } : null,
    failing: failing.length,
    ...config,
    cis: readings.cis.map(({ region, reading, error, enabled, enableError }) => ({
      region,
      ...(error ? { error } : {}),
      hubEnabled: reading?.hubEnabled,
      standards: enabled?.standards.length ? enabled.standards : reading?.standards,
      howToEnable: howToEnable({ region, reading, enabled }),
      ...(enableError ? { enableError } : {}),
      failingControls: (reading?.controls ?? []).map((control) => {
        const failure = failureIndex.get(`cis-control|${control.account}|${region}|${control.control}`);
        return { ...control, since: failure?.since, sinceBasis: failure?.sinceBasis, exemption: failure?.exemption };
      }),
    })),
    images: readings.images.map(({ region, reading, error }) => ({
      region,
      ...(error ? { error } : {}),
      scanner: reading?.scanner,
      images: (reading?.images ?? []).map((image) => ({
        ...image,
        vulnerabilities: image.vulnerabilities.map((v) => ({
          ...v,
          exemption: failureIndex.get(
            `vulnerability|${image.account}|${region}|${image.repository}:${image.tag}|${v.id}`,
          )?.exemption,
        })),
      })),
    })),
    scopes: scopes.map(({ failures, ...scope }) => ({ ...scope, failing: failures.filter(counts).length })),
    exemptions,
    notes,
    actions: readings.actions,
  };
  const exemptionItems = exemptions.map(
    (e) =>
      `${e.id}: ${e.expired ? 'EXPIRED on' : 'until'} ${e.expires}, ${e.reason}${e.matches.length ? ` (matches ${e.matches.join(', ')})` : ' (matches no current failure)'}`,
  );
  const html = htmlPage(
    'Compliance evaluation',
    `<p>${failing.length} failing now${meta.dryRun ? ' (dry run)' : ''}: ${config.nonCompliant.length} Config rule(s), ${failing.filter((f) => f.kind === 'cis-control').length} CIS control(s), ${failing.filter((f) => f.kind === 'vulnerability').length} image vulnerabilit(ies).</p>
${changesHtml(compared, meta)}
${listHtml('Notes', notes)}
${cisSection(readings.cis, failureIndex, meta.now)}
${imagesSection(readings.images, failureIndex)}
${configSection(config, meta.dryRun)}
${listHtml('Exemptions', exemptionItems)}
${actionsHtml(readings.actions)}`,
  );
  return { json, html };
}

// The CIS benchmark and image vulnerability parts of the report: what each region showed (for JSON) and its HTML.
// Everything that comes from findings (titles, resource ids, package names) goes through escapeHtml.
import { escapeHtml } from '../../shared/reports/html.ts';
import type { CisReading, StandardState } from '../model/readings.ts';
import type { CisRegion, ImagesRegion } from './inputs.ts';
import type { Failure } from './scopes.ts';

const DAY_MS = 86_400_000;

/** How a region's CIS standards can be turned on, or undefined when nothing is missing. */
export function howToEnable(entry: CisRegion): string | undefined {
  const reading = entry.reading;
  if (!reading || entry.enabled) return undefined;
  const missing = reading.standards.filter((s) => s.status === 'NOT_ENABLED');
  if (reading.hubEnabled && !missing.length) return undefined;
  const region = entry.region;
  const requests = missing.map((s) => `StandardsArn=${s.arn}`).join(' ');
  const steps = [
    ...(reading.hubEnabled
      ? []
      : [`aws securityhub enable-security-hub --no-enable-default-standards --region ${region}`]),
    `aws securityhub batch-enable-standards --standards-subscription-requests ${requests} --region ${region}`,
  ];
  const what = reading.hubEnabled
    ? `${missing.map((s) => s.id).join(', ')} not enabled in ${region}`
    : `Security Hub is not enabled in ${region}`;
  return `${what}. Security Hub bills each check and finding: enable it with \`${steps.join('` then `')}\` (its CIS checks need AWS Config recording in the region), or set playbooks.complianceEvaluation.cis.enable: true and the next run does it.`;
}

/** What happened to standards this run enabled, or that are still being enabled. */
export function enablingNote(entry: CisRegion): string | undefined {
  if (entry.enableError) return `Enabling the CIS benchmark in ${entry.region} failed: ${entry.enableError}`;
  const would = entry.enabled?.wouldEnable;
  if (would) {
    return `Dry run: would enable ${[...(would.hub ? ['Security Hub'] : []), ...would.standards].join(' and ')} in ${entry.region}.`;
  }
  if (entry.enabled) {
    const shown = entry.enabled.standards.map((s) => `${s.id} ${s.status}`).join(', ');
    return `Enabled in ${entry.region}${entry.enabled.enabledHub ? ' (Security Hub and its standards)' : ''}: ${shown}. Results follow once its checks have run (within a day).`;
  }
  const pending = entry.reading?.standards.filter((s) => s.status === 'PENDING') ?? [];
  if (pending.length)
    return `${pending.map((s) => s.id).join(', ')} is being enabled in ${entry.region}: results with a later run.`;
  return undefined;
}

function ageText(since: string | undefined, now: Date, basis: Failure['sinceBasis']): string {
  if (!since) return '';
  const days = Math.max(0, Math.floor((now.getTime() - new Date(since).getTime()) / DAY_MS));
  const source = basis === 'first-observed' ? ' (first observed by Security Hub)' : '';
  return `${days} day${days === 1 ? '' : 's'}, since ${since.slice(0, 10)}${source}`;
}

function exemptionText(failure: Failure | undefined): string {
  const exemption = failure?.exemption;
  if (!exemption) return '';
  return `${exemption.expired ? 'EXPIRED' : 'exempt'} until ${exemption.expires}: ${exemption.reason}`;
}

const standardsLine = (standards: StandardState[]) =>
  standards
    .map((s) => `${escapeHtml(s.id)}: ${escapeHtml(s.status)}${s.reason ? ` (${escapeHtml(s.reason)})` : ''}`)
    .join('; ');

function cisRegionHtml(entry: CisRegion, failures: Map<string, Failure>, now: Date): string {
  const heading = `<h3>${escapeHtml(entry.region)}</h3>`;
  if (entry.error) return `${heading}<p class="bad">Not read: ${escapeHtml(entry.error)}</p>`;
  const reading = entry.reading as CisReading;
  const notes = [howToEnable(entry), enablingNote(entry)].filter(Boolean).map((n) => `<p>${escapeHtml(n ?? '')}</p>`);
  const rows = reading.controls.map((control) => {
    const failure = failures.get(`cis-control|${control.account}|${entry.region}|${control.control}`);
    const resources =
      control.resources.map(escapeHtml).join('<br>') +
      (control.resourceCount > control.resources.length
        ? `<br>… ${control.resourceCount - control.resources.length} more`
        : '');
    return `<tr class="${failure?.exemption && !failure.exemption.expired ? '' : 'bad'}"><td>${escapeHtml(control.control)}</td><td>${escapeHtml(control.requirements.join(', '))}</td><td>${escapeHtml(control.title)}</td><td>${escapeHtml(control.severity ?? '')}</td><td>${resources}</td><td>${escapeHtml(ageText(failure?.since, now, failure?.sinceBasis))}</td><td>${escapeHtml(exemptionText(failure))}</td></tr>`;
  });
  const table = reading.read.length
    ? `<p>${reading.controls.length} failing control(s) in ${escapeHtml(reading.read.join(', '))}.</p>
<table><tr><th>Control</th><th>CIS</th><th>Title</th><th>Severity</th><th>Failing resources</th><th>Failing for</th><th>Exemption</th></tr>
${rows.join('\n')}</table>`
    : '';
  return `${heading}<p>Security Hub ${reading.hubEnabled ? 'enabled' : 'not enabled'}${reading.hubEnabled ? `; ${standardsLine(reading.standards)}` : ''}.</p>${notes.join('')}${table}`;
}

/** The CIS part of the HTML report: per region, the standards and the failing controls. */
export function cisSection(entries: CisRegion[], failures: Map<string, Failure>, now: Date): string {
  return `<h2>CIS AWS Foundations Benchmark (Security Hub)</h2>\n${entries.map((e) => cisRegionHtml(e, failures, now)).join('\n')}`;
}

function imagesRegionHtml(entry: ImagesRegion, failures: Map<string, Failure>): string {
  const heading = `<h3>${escapeHtml(entry.region)}</h3>`;
  if (!entry.reading) return `${heading}<p class="bad">Not read: ${escapeHtml(entry.error ?? '')}</p>`;
  const { reading } = entry;
  const scanner =
    reading.scanner === 'inspector' ? 'Amazon Inspector' : 'ECR basic scanning (Inspector does not scan ECR here)';
  const images = reading.images.map((image) => {
    const title = `<h4>${escapeHtml(`${image.repository}:${image.tag}`)}${image.digest ? ` — ${escapeHtml(image.digest)}` : ''}</h4>`;
    if (image.status !== 'ok') return `${title}<p class="bad">${escapeHtml(image.note ?? image.status)}</p>`;
    const counts = Object.entries(image.counts)
      .map(([severity, count]) => `${escapeHtml(severity)} ${count}`)
      .join(', ');
    const rows = image.vulnerabilities.map((v) => {
      const failure = failures.get(
        `vulnerability|${image.account}|${entry.region}|${image.repository}:${image.tag}|${v.id}`,
      );
      const packages = v.packages
        .map(
          (p) =>
            `${escapeHtml(p.name)} ${escapeHtml(p.installedVersion ?? '')} → ${escapeHtml(p.fixedInVersion ?? (reading.scanner === 'inspector' ? 'no fix yet' : 'not given by basic scanning'))}`,
        )
        .join('<br>');
      const id =
        v.url && /^https:\/\//.test(v.url)
          ? `<a href="${escapeHtml(v.url)}">${escapeHtml(v.id)}</a>`
          : escapeHtml(v.id);
      return `<tr class="${failure?.exemption && !failure.exemption.expired ? '' : 'bad'}"><td>${id}</td><td>${escapeHtml(v.severity ?? '')}</td><td>${packages}</td><td>${escapeHtml(v.firstObservedAt?.slice(0, 10) ?? '')}</td><td>${escapeHtml(exemptionText(failure))}</td></tr>`;
    });
    return `${title}<p>Pushed ${escapeHtml(image.pushedAt ?? '?')}; ${counts || 'no vulnerability'}${image.scanCompletedAt ? `; scanned ${escapeHtml(image.scanCompletedAt)}` : ''}.</p>
${rows.length ? `<table><tr><th>CVE</th><th>Severity</th><th>Package installed → fixed in</th><th>First observed</th><th>Exemption</th></tr>\n${rows.join('\n')}</table>` : ''}`;
  });
  return `${heading}<p>Scanner: ${escapeHtml(scanner)}; severities ${escapeHtml(reading.severities.join(', '))}.</p>${images.join('\n')}`;
}

/** The image part of the HTML report: per region and image, the digest, counts and CVEs. */
export function imagesSection(entries: ImagesRegion[], failures: Map<string, Failure>): string {
  return `<h2>Image vulnerabilities</h2>\n${entries.map((e) => imagesRegionHtml(e, failures)).join('\n')}`;
}

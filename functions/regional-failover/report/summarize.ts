// The failover's report and notice. Readiness (a dry run or the nightly check): what each pre-check found, ready
// or not (SEV3 when not). A completed failover: the timeline, the measured RTO (from the start of the execution to
// the health check answering through the new record) and the estimated RPO (none for a switchover; the lag at the
// last reading otherwise), in the runbook's "resolved" template. A rejected unplanned failover changed nothing.
import type { Notice } from '../../shared/notify/message.ts';
import { escapeHtml, htmlPage } from '../../shared/reports/html.ts';
import { actionsOf, type FailoverState } from '../run-state.ts';

const duration = (from?: string, to?: string) => {
  if (!from || !to) return undefined;
  const seconds = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
  return seconds < 120 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
};

export function timelineOf(state: FailoverState): { at: string; what: string }[] {
  const entries: [string | undefined, string][] = [
    [state.begin?.startedAt, `failover ${state.begin?.mode ?? ''} started`],
    [state.readiness?.at, `pre-checks done (${state.readiness?.ready ? 'ready' : 'not ready'})`],
    [state.announce?.at, state.approval?.by ? `approved by ${state.approval.by}, announced` : 'announced'],
    [state.scale?.startedAt, 'capacity scaling started'],
    [state.capacity?.at, `capacity healthy: ${(state.capacity?.states ?? []).join('; ')}`],
    [state.promote?.startedAt, `database: ${state.promote?.action ?? 'promotion'}`],
    [state.database?.at, `database: ${state.database?.state ?? ''}`],
    [state.dns?.startedAt, `DNS: ${state.dns?.record ?? ''}`],
    [state.dnsStatus?.at, `DNS change ${state.dnsStatus?.dns ?? ''}, Cloud Map ${state.dnsStatus?.cloudMap ?? ''}`],
    [state.postCheck?.at, `health check ${state.postCheck?.url ?? ''}: ${state.postCheck?.answer ?? ''}`],
  ];
  return entries.filter((entry): entry is [string, string] => Boolean(entry[0])).map(([at, what]) => ({ at, what }));
}

export function summarizeFailover(state: FailoverState, outcome: 'readiness' | 'done' | 'rejected') {
  const begin = state.begin!;
  const readiness = state.readiness;
  const route = `${begin.primaryRegion} -> ${begin.secondaryRegion}`;
  const facts: Record<string, string | number> = {};
  let notice: Omit<Notice, 'playbook' | 'link'>;
  let title: string;
  if (outcome === 'readiness') {
    const ready = Boolean(readiness?.ready);
    title = `Failover readiness (${route}): ${ready ? 'READY' : `NOT READY, ${readiness?.problems.length} problem(s)`}`;
    for (const line of readiness?.found ?? []) {
      const [check, ...rest] = line.split(': ');
      facts[check] = facts[check] ? `${facts[check]}; ${rest.join(': ')}` : rest.join(': ');
    }
    if (!ready) facts.Problems = readiness?.summary ?? '';
    facts['Estimated data loss if unplanned now'] = readiness?.estimatedDataLoss ?? 'unknown';
    notice = ready
      ? {
          kind: 'report',
          severity: 'SEV4',
          title,
          status: begin.dryRun ? 'Dry run: nothing changed' : 'Nightly readiness check',
          facts,
        }
      : {
          kind: 'alert',
          severity: 'SEV3',
          title,
          impact: 'A planned failover would be refused; an unplanned one may lose more data or fail',
          status: 'Fix the problems before a failover is needed',
          facts,
          dedupKey: `failover-readiness:${route}`,
        };
  } else if (outcome === 'rejected') {
    title = `Unplanned failover (${route}) not approved: nothing changed`;
    facts.Answer = state.approvalError?.Cause ?? state.approvalError?.Error ?? 'rejected';
    notice = { kind: 'report', severity: 'SEV2', title, status: 'Not approved', facts };
  } else {
    const rto = duration(begin.startedAt, state.postCheck?.at);
    const rpo =
      begin.mode === 'planned' && state.promote?.action !== 'PromoteReadReplicaDBCluster'
        ? 'none (a switchover waits for the secondary to catch up)'
        : (readiness?.estimatedDataLoss ?? 'unknown');
    title = `Regional failover ${route} complete (${begin.mode}): RTO ${rto}`;
    facts['Measured RTO'] = `${rto} (start of the execution to the health check answering through the new record)`;
    facts['Estimated RPO'] = rpo;
    if (state.database?.endpoint) facts['Database endpoint'] = state.database.endpoint;
    for (const entry of timelineOf(state)) facts[entry.at] = entry.what;
    notice = {
      kind: 'resolved',
      severity: begin.mode === 'unplanned' ? 'SEV1' : 'SEV3',
      title,
      duration: rto,
      rootCause: begin.mode === 'unplanned' ? `${begin.primaryRegion} failing (failover approved)` : 'planned failover',
      nextSteps: `Serve from ${begin.secondaryRegion}; rebuild ${begin.primaryRegion} as the new secondary before failing back`,
      facts,
      dedupKey: (state as { execution?: { Id?: string } }).execution?.Id,
    };
  }
  const report = {
    playbook: 'regional-failover',
    outcome,
    mode: begin.mode,
    route,
    readiness,
    timeline: timelineOf(state),
    actions: actionsOf(state),
  };
  const html = htmlPage(
    'Regional failover',
    `<p>${escapeHtml(title)}</p><ul>${Object.entries(facts)
      .map(([label, value]) => `<li>${escapeHtml(label)}: ${escapeHtml(String(value))}</li>`)
      .join('')}</ul>`,
  );
  return { report, html, notice, title };
}

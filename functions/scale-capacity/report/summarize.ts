// The report of a scaling run (JSON + HTML) and its notice: before and after as read from AWS, the change, and how it
// ended: scaled and healthy, a dry run, refused before any change, not healthy in time, or failed.
import type { AuditRecord } from '../../shared/audit/audit.ts';
import type { Notice } from '../../shared/notify/message.ts';
import { escapeHtml, htmlPage } from '../../shared/reports/html.ts';
import type { ScalePlan, Snapshot } from '../targets/kinds.ts';

export type Outcome = 'scaled' | 'dry-run' | 'refused' | 'not-healthy' | 'failed';

/** One line of a snapshot: sizes, counts, statuses. */
export function snapshotText(snapshot: Snapshot | undefined): string {
  if (!snapshot) return '-';
  switch (snapshot.kind) {
    case 'asg':
      return `min ${snapshot.minSize}, max ${snapshot.maxSize}, desired ${snapshot.desired}, ${snapshot.inServiceHealthy} in service and healthy`;
    case 'ecs-service':
      return `desired ${snapshot.desired}, running ${snapshot.running}, pending ${snapshot.pending}`;
    case 'eks-nodegroup':
      return `min ${snapshot.minSize}, max ${snapshot.maxSize}, desired ${snapshot.desired}, ${snapshot.status}`;
    case 'aurora-replica':
      return `${snapshot.instances.length} instances: ${snapshot.instances.map((i) => `${i.id} ${i.status}`).join(', ')}`;
    case 'elasticache':
      return `${snapshot.shards} shard(s), ${snapshot.replicasPerShard} replica(s) per shard, ${snapshot.status}`;
  }
}

/** The report, its HTML and the notice of a run: an alert (SEV2) when the capacity may not be what was asked. */
export function summarize(input: {
  outcome: Outcome;
  plan?: ScalePlan;
  after?: Snapshot;
  reason?: string;
  actions: AuditRecord[];
  polls?: number;
}) {
  const { outcome, plan, after } = input;
  const what = plan ? `${plan.subject.kind} ${plan.subject.name} (${plan.subject.region})` : 'capacity';
  const titles: Record<Outcome, string> = {
    scaled: `${what} scaled and healthy: ${snapshotText(after)}`,
    'dry-run': `Dry run: ${what} would change from ${snapshotText(plan?.before)}; nothing changed`,
    refused: `scale-capacity refused: ${input.reason ?? ''}`,
    'not-healthy': `${what} not healthy after ${input.polls ?? 0} checks: ${input.reason ?? snapshotText(after)}`,
    failed: `Scaling ${what} FAILED: ${input.reason ?? ''}`,
  };
  const title = titles[outcome].slice(0, 400);
  const report = {
    playbook: 'scale-capacity',
    outcome,
    reason: input.reason ?? plan?.reason,
    subject: plan?.subject,
    before: plan?.before,
    change: plan?.change,
    after,
    actions: input.actions,
  };
  const html = htmlPage(
    'Scale capacity',
    `<p>${escapeHtml(title)}</p>
     <table><tr><th></th><th>State</th></tr>
     <tr><td>Before</td><td>${escapeHtml(snapshotText(plan?.before))}</td></tr>
     <tr><td>Asked</td><td>${escapeHtml(JSON.stringify(plan?.change ?? {}))}</td></tr>
     <tr><td>After</td><td>${escapeHtml(snapshotText(after))}</td></tr></table>`,
  );
  const bad = outcome === 'not-healthy' || outcome === 'failed';
  const notice: Omit<Notice, 'playbook' | 'link'> = {
    kind: bad ? 'alert' : 'report',
    severity: bad ? 'SEV2' : outcome === 'refused' ? 'SEV3' : 'SEV4',
    title,
    ...(bad
      ? { impact: `${what} may not have the capacity asked for`, status: 'Check the capacity by hand' }
      : { status: outcome === 'refused' ? 'Nothing was changed' : 'Complete' }),
    facts: {
      Before: snapshotText(plan?.before),
      After: snapshotText(after),
      ...(plan?.reason ? { Reason: plan.reason } : {}),
    },
  };
  return { report, html, notice, title };
}

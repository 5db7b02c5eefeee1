// Acknowledging an incident (runbook SEV1 "Acknowledge Alert"): by a request (`autopilot ack`, the console) or by
// the alert's link. The first acknowledgement stops the escalation, lands on the timeline and is told to the
// severity's channels; later ones change nothing. A request also completes the link's task, so the execution that
// waits on it moves on.
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { IncidentResponseSettings } from '../config.ts';
import { channelsFor, deliveryText, type Notifications, type Sender, send } from '../model/channels.ts';
import { updateNotice } from '../model/messages.ts';
import type { Acknowledgement, IncidentRecord } from '../model/record.ts';
import { addLine, requireRecord, type Store, updateRecord } from '../model/store.ts';
import { completeTask } from '../model/task-token.ts';

export interface AcknowledgeRequest {
  incidentId: string;
  by: string;
  via: Acknowledgement['via'];
  note?: string;
  dryRun: boolean;
}

export interface AcknowledgeDeps {
  store: Store;
  sfn: SFNClient;
  settings: IncidentResponseSettings;
  notifications: Notifications;
  sender: Sender;
  stage: string;
  now: Date;
}

export interface AcknowledgeResult {
  incidentId: string;
  outcome: 'acknowledged' | 'already-acknowledged' | 'not-open' | 'dry-run';
  summary: string;
  delivered?: string;
}

function refusal(record: IncidentRecord): AcknowledgeResult | undefined {
  if (record.status !== 'open') {
    return {
      incidentId: record.id,
      outcome: 'not-open',
      summary: `${record.id} is ${record.status}: nothing to acknowledge`,
    };
  }
  if (record.acknowledged) {
    const { by, at } = record.acknowledged;
    return {
      incidentId: record.id,
      outcome: 'already-acknowledged',
      summary: `${record.id} was acknowledged by ${by} at ${at}`,
    };
  }
  return undefined;
}

/** Records the acknowledgement (once), tells the channels, and releases the alert's waiting link. */
export async function acknowledge(request: AcknowledgeRequest, deps: AcknowledgeDeps): Promise<AcknowledgeResult> {
  const current = await requireRecord(deps.store, request.incidentId);
  const refused = refusal(current);
  if (refused) return refused;
  if (request.dryRun) {
    return {
      incidentId: current.id,
      outcome: 'dry-run',
      summary: `would record ${current.id} as acknowledged by ${request.by}`,
    };
  }
  let stamp = '';
  const { record, changed } = await updateRecord(deps.store, request.incidentId, (r) => {
    if (refusal(r)) return false;
    stamp = addLine(
      r,
      {
        kind: 'acknowledged',
        text: `Acknowledged by ${request.by} (${request.via === 'link' ? 'alert link' : 'request'})${request.note ? `: ${request.note}` : ''}`,
        by: request.by,
      },
      deps.now,
    );
    r.acknowledged = { by: request.by, at: stamp, via: request.via, ...(request.note ? { note: request.note } : {}) };
    r.schedule.nextEscalationAt = undefined;
    return true;
  });
  if (!changed)
    return (
      refusal(record) ?? { incidentId: record.id, outcome: 'already-acknowledged', summary: 'acknowledged meanwhile' }
    );
  const severity = deps.settings.severities[record.severity];
  const notice = updateNotice(record, severity, {
    stage: deps.stage,
    asOf: stamp,
    acknowledgedNow: true,
    nextUpdateAt: record.schedule.nextUpdateAt,
  });
  const delivered = deliveryText(await send(notice, channelsFor(severity, deps.notifications), deps.sender));
  if (request.via === 'request' && record.ackLink) {
    await completeTask(deps.sfn, record.ackLink.token, { acknowledged: true, by: request.by, via: 'request' });
  }
  return {
    incidentId: record.id,
    outcome: 'acknowledged',
    summary: `${record.id} acknowledged by ${request.by}: escalation stopped, updates go on`,
    delivered,
  };
}

import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { resolveSecret } from '../../shared/notify/secrets.ts';
import { IncidentResponse } from '../config.ts';
import { PLAYBOOK, type WarRoom } from '../model/record.ts';
import { addLine, requireRecord, updateRecord } from '../model/store.ts';
import { channelName, openWarRoom } from './war-room.ts';

const Input = z.object({ incidentId: z.string().min(1), dryRun: z.boolean().default(false) });

export const handler = makeHandler({
  playbook: PLAYBOOK,
  config: { incidentResponse: IncidentResponse },
  input: Input,
  run: async ({ incidentId, dryRun }, { config, runtime, audit, now }) => {
    const settings = config.playbooks.incidentResponse.warRoom;
    const home = config.regions[0];
    const store = { s3: awsClient(S3Client, home), bucket: runtime.reportsBucket };
    const record = await requireRecord(store, incidentId);
    const channel = channelName(settings.channelPrefix, incidentId);
    if (record.warRoom) return { incidentId, warRoom: record.warRoom, actions: audit.records };
    let warRoom: WarRoom;
    if (!settings.botToken) {
      warRoom = { channel, created: false, detail: `no Slack bot token configured: open #${channel} by hand` };
    } else if (dryRun) {
      warRoom = { channel, created: false, detail: `dry run: would create #${channel}` };
    } else {
      const token = await resolveSecret(settings.botToken, {
        ssm: awsClient(SSMClient, home),
        secretsManager: awsClient(SecretsManagerClient, home),
      });
      warRoom = await openWarRoom(record, token, settings, globalThis.fetch);
      await audit.record({
        action: 'slack:conversations.create',
        resource: `#${channel}`,
        region: 'global',
        outcome: warRoom.created ? 'done' : 'failed',
        detail: { incidentId, result: warRoom.detail },
      });
    }
    await updateRecord(store, incidentId, (r) => {
      if (r.warRoom) return false;
      r.warRoom = warRoom;
      addLine(r, { kind: 'war-room', text: `War room: ${warRoom.detail}` }, now());
      return true;
    });
    return { incidentId, warRoom, actions: audit.records };
  },
});

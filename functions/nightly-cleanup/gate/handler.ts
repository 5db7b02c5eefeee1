import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { putReport, reportKey } from '../../shared/reports/report.ts';
import { NightlyCleanup } from '../config.ts';
import { Mode, PLAYBOOK, ResourceType } from '../model/model.ts';
import { renderHtml } from '../model/render.ts';
import { gate } from './gate.ts';

const Input = z.object({
  run: z.object({ mode: Mode, regions: z.array(z.string()).min(1), resourceTypes: z.array(ResourceType).min(1) }),
  /** The accounts the planTargets step found exempt (listed in the report, never acted on). */
  exempt: z.array(z.object({ id: z.string(), name: z.string() })).default([]),
});

export const handler = makeHandler({
  playbook: PLAYBOOK,
  config: { nightlyCleanup: NightlyCleanup },
  input: Input,
  run: async ({ run, exempt }, { config, runtime, execution, audit }) => {
    const s3 = awsClient(S3Client, config.regions[0]);
    const started = new Date(execution.StartTime);
    const result = await gate(run, exempt, {
      store: { s3, bucket: runtime.reportsBucket },
      settings: config.playbooks.nightlyCleanup,
      execution,
      audit,
      // The announcement goes where the final report will: the same keys, overwritten at the end of the run.
      announce: async (report) => {
        const json = reportKey(PLAYBOOK, execution.Name, 'json', started);
        const html = reportKey(PLAYBOOK, execution.Name, 'html', started);
        await putReport(s3, runtime.reportsBucket, json, JSON.stringify(report, null, 2), 'application/json');
        await putReport(s3, runtime.reportsBucket, html, renderHtml(report), 'text/html; charset=utf-8');
      },
    });
    return { ...result, actions: audit.records.length };
  },
});

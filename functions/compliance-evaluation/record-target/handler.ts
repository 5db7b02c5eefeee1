// The last state of a fan-out item: its two readings (Config rules, images) become the target's result in the
// reports bucket, so the Distributed Map returns nothing and 1,000 accounts x 17 regions fit (the report step reads
// the results back). A reading that failed is part of the result, with its error.
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { putJson, resultKey } from '../../shared/fanout/targets.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { ConfigResult, ImagesResult, type TargetReadings, TargetRef } from '../model/target.ts';

const Input = z.object({ target: TargetRef, config: ConfigResult, images: ImagesResult });

export const handler = makeHandler({
  playbook: 'compliance-evaluation',
  input: Input,
  run: async ({ target, config, images }, { config: settings, runtime, execution }) => {
    const result: TargetReadings = { config, images };
    await putJson(
      awsClient(S3Client, settings.regions[0]),
      runtime.reportsBucket,
      resultKey('compliance-evaluation', execution.Name, target),
      { ...target, ok: true, result },
    );
    return { ...target, config: config.status, images: images.status };
  },
});

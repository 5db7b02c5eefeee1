// Names of the stack's own resources, handed to every function by serverless.yml (and by the CLI runner).
import * as z from 'zod';
import { ConfigError } from '../errors/errors.ts';

const RuntimeEnv = z.object({
  STAGE: z.string().min(1),
  REPORTS_BUCKET: z.string().min(3),
  NOTIFY_TOPIC_ARN: z.string().startsWith('arn:'),
  AUDIT_BUS_NAME: z.string().min(1).default('default'),
});

export interface Runtime {
  stage: string;
  reportsBucket: string;
  topicArn: string;
  auditBus: string;
}

export function getRuntime(env: NodeJS.ProcessEnv = process.env): Runtime {
  const result = RuntimeEnv.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`environment: ${issue.path.join('.')}: ${issue.message}`);
  }
  const { STAGE, REPORTS_BUCKET, NOTIFY_TOPIC_ARN, AUDIT_BUS_NAME } = result.data;
  return { stage: STAGE, reportsBucket: REPORTS_BUCKET, topicArn: NOTIFY_TOPIC_ARN, auditBus: AUDIT_BUS_NAME };
}

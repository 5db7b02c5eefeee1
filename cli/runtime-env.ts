// The environment a handler module needs at import time (it validates config at cold start), for commands
// that import handlers without running them (`autopilot list`).
import type { CliOptions } from './options.ts';
import { loadPlaybooks } from './runner.ts';

export async function withRuntimeEnvironment(options: CliOptions, service: string) {
  const { config, stage } = loadPlaybooks(options);
  const values: Record<string, string> = {
    STAGE: stage,
    AUTOPILOT_CONFIG: JSON.stringify(config),
    REPORTS_BUCKET: `${service}-${stage}-reports`,
    NOTIFY_TOPIC_ARN: `arn:aws:sns:${config.regions[0]}:000000000000:${service}-${stage}-notifications`,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  };
  const previous = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  Object.assign(process.env, values);
  return {
    restore: () => {
      for (const [key, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    },
  };
}

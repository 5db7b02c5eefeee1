// Alarms as code: serverless.yml's `${file(./serverless/alarms-as-code.cjs)}` resources, one CloudWatch alarm per
// threshold of the stage config (serverless/alarms-as-code.ts), from the same validated config the functions get.
module.exports = async ({ options }) => {
  const { loadStageConfig } = require('../functions/playbooks.ts');
  const { thresholdAlarmResources } = require('./alarms-as-code.ts');
  const stage = options.stage ?? 'dev';
  const config = loadStageConfig({ stage, file: process.env.AUTOPILOT_CONFIG_FILE });
  return { Resources: thresholdAlarmResources(config, stage) };
};

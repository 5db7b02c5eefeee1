// Resolves the stage config for serverless.yml: `${file(./config/serverless.cjs):config}`. It loads the same
// TypeScript module the CLI uses (Node 24 runs it directly), so a bad value fails `serverless package` with the key
// named, before anything is deployed. Each function gets its slice of it (serverless/playbooks.cjs).
// AUTOPILOT_CONFIG_FILE names a config file outside the repo instead of config/<stage>.yml (as the CLI's --config).
module.exports = async ({ options }) => {
  const { loadStageConfig } = require('../functions/playbooks.ts');
  return { config: loadStageConfig({ stage: options.stage ?? 'dev', file: process.env.AUTOPILOT_CONFIG_FILE }) };
};

// Resolves the stage config for serverless.yml: `${file(./config/serverless.cjs):config}` and `:json`.
// It loads the same TypeScript module the CLI uses (Node 24 runs it directly), so a bad value fails
// `serverless package` with the key named, before anything is deployed.
module.exports = async ({ options }) => {
  const { loadStageConfig } = require('../functions/shared/config/files.ts');
  const { encodeConfigForEnv } = require('../functions/shared/config/config.ts');
  const config = loadStageConfig({ stage: options.stage ?? 'dev', file: options['autopilot-config'] });
  // `json` is what Lambda gets in AUTOPILOT_CONFIG: gzipped, since all environment variables share 4 KB.
  return { config, json: encodeConfigForEnv(config) };
};

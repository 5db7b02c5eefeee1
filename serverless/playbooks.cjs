// serverless.yml's functions and state machines, generated from the playbook manifests (functions/<playbook>/
// playbook.ts) by serverless/service.ts: `${file(./serverless/playbooks.cjs):functions}` and `:stateMachines`.
// It loads the TypeScript modules the CLI uses (Node 24 runs them directly), so what deploys is what the CLI runs.
module.exports = async ({ options, resolveConfigurationProperty }) => {
  const { loadStageConfig } = require('../functions/playbooks.ts');
  const { serviceDeclaration, serverlessSections, SERVICE } = require('./service.ts');
  const service = await resolveConfigurationProperty(['service']);
  if (service !== SERVICE)
    throw new Error(`serverless.yml: service must be ${SERVICE} (serverless/service.ts names it)`);
  const stage = options.stage ?? 'dev';
  const config = loadStageConfig({ stage, file: process.env.AUTOPILOT_CONFIG_FILE });
  return serverlessSections(serviceDeclaration(config, stage, options.region ?? config.regions[0]));
};

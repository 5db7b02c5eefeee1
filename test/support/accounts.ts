// The dev stage acts in its member accounts too (config/dev.yml: staging, and sandbox-dev without a member role);
// tests about one account's behaviour run on the home account alone.
import { type Config, loadStageConfig } from '../../functions/playbooks.ts';

export const HOME = '123456789012';
export const STAGING = '210987654321';
export const SANDBOX_DEV = '345678901234';

/** The dev config without member accounts. */
export function homeOnlyConfig(change: (config: Config) => void = () => {}): Config {
  const config = structuredClone(loadStageConfig({ stage: 'dev' }));
  config.accounts.members = [];
  change(config);
  return config;
}

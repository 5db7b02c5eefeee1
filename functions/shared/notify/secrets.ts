// Resolves a config secret reference at run time, once per cold start; the value is never logged.
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import type { SecretRef } from '../config/config.ts';

export interface SecretClients {
  ssm: SSMClient;
  secretsManager: SecretsManagerClient;
}

const resolved = new Map<string, Promise<string>>();

async function fetchSecret(ref: SecretRef, clients: SecretClients): Promise<string> {
  if (ref.ssmParameter) {
    const result = await clients.ssm.send(new GetParameterCommand({ Name: ref.ssmParameter, WithDecryption: true }));
    return result.Parameter?.Value ?? '';
  }
  const result = await clients.secretsManager.send(new GetSecretValueCommand({ SecretId: ref.secretId }));
  return result.SecretString ?? '';
}

export function resolveSecret(ref: SecretRef, clients: SecretClients): Promise<string> {
  const key = ref.ssmParameter ?? `sm:${ref.secretId}`;
  let value = resolved.get(key);
  if (!value) {
    value = fetchSecret(ref, clients);
    // A failed look-up is not cached: the next invocation tries again.
    value.catch(() => resolved.delete(key));
    resolved.set(key, value);
  }
  return value;
}

export function forgetSecrets(): void {
  resolved.clear();
}

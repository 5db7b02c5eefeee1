// The runbook's maintenance_mode flag as an SSM String parameter (`kubectl patch configmap ... maintenance_mode` in
// the runbook; the services read the parameter): read, written with Overwrite, and read back.
import { GetParameterCommand, ParameterNotFound, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { VerificationFailedError } from '../../shared/errors/errors.ts';

/** The flag's value, or undefined when the parameter does not exist. */
export async function readFlag(client: SSMClient, name: string): Promise<string | undefined> {
  try {
    return (await client.send(new GetParameterCommand({ Name: name }))).Parameter?.Value;
  } catch (error) {
    if (error instanceof ParameterNotFound) return undefined;
    throw error;
  }
}

/**
 * Writes the flag (creating the String parameter if needed) unless it has the value already; true when it wrote.
 * @throws VerificationFailedError when it does not read back with the value.
 */
export async function writeFlag(client: SSMClient, name: string, value: string): Promise<boolean> {
  if ((await readFlag(client, name)) === value) return false;
  await client.send(
    new PutParameterCommand({
      Name: name,
      Value: value,
      Type: 'String',
      Overwrite: true,
      Description: 'IDP maintenance mode (set by idp-autopilot maintenance-window)',
    }),
  );
  const after = await readFlag(client, name);
  if (after !== value) throw new VerificationFailedError(`${name} reads ${after ?? 'nothing'} after writing ${value}`);
  return true;
}

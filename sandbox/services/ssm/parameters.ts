// SSM Parameter Store: GetParameter, GetParameters, PutParameter. A parameter is addressed by name, ARN, or
// `name:version`. SecureString values come back decrypted only WithDecryption; otherwise as opaque ciphertext, like
// Parameter Store. PutParameter creates version 1, or with Overwrite the next version (ParameterAlreadyExists
// without it).
import { createHash } from 'node:crypto';
import type { GetParameterRequest, GetParametersRequest, PutParameterRequest } from '@aws-sdk/client-ssm';
import { awsError } from '../../errors.ts';
import type { ParameterRec } from '../../state.ts';
import type { HandlerContext, Handlers } from '../types.ts';

const MAX_NAMES = 10;

/** Splits `name[:selector]` (ARNs reduced to their name) into name and selector. */
function parseName(requested: string): { name: string; selector?: string } {
  let rest = requested;
  if (rest.startsWith('arn:')) {
    const path = rest.slice(rest.indexOf(':parameter') + ':parameter'.length);
    rest = path.startsWith('/') && !path.slice(1).includes('/') ? path.slice(1) : path;
  }
  const colon = rest.lastIndexOf(':');
  return colon > 0 ? { name: rest.slice(0, colon), selector: rest.slice(colon + 1) } : { name: rest };
}

/** The parameter, or undefined when it does not exist; a missing version is its own error. */
function findParameter(
  ctx: HandlerContext,
  requested: string,
): { parameter: ParameterRec; selector?: string } | undefined {
  const { name, selector } = parseName(requested);
  const parameter = ctx.regional.ssm.parameters.find((p) => p.Name === name);
  if (!parameter) return undefined;
  if (selector !== undefined && selector !== String(parameter.Version)) {
    if (/^\d+$/.test(selector)) {
      throw awsError(
        'ParameterVersionNotFound',
        `Systems Manager could not find version ${selector} of ${name}. Verify the version and try again.`,
      );
    }
    throw awsError('ParameterVersionLabelNotFound', `Systems Manager could not find label ${selector} of ${name}.`);
  }
  return { parameter, selector };
}

function present(parameter: ParameterRec, withDecryption: boolean | undefined, selector?: string) {
  const encrypted = parameter.Type === 'SecureString' && !withDecryption;
  return {
    Name: parameter.Name,
    Type: parameter.Type,
    Value: encrypted ? ciphertext(parameter) : parameter.Value,
    Version: parameter.Version,
    Selector: selector === undefined ? undefined : `:${selector}`,
    LastModifiedDate: parameter.LastModifiedDate,
    ARN: parameter.ARN,
    DataType: parameter.DataType,
  };
}

/** Stable, opaque stand-in for the KMS ciphertext blob (base64, never the plaintext). */
function ciphertext(parameter: ParameterRec): string {
  const digest = createHash('sha256')
    .update(`${parameter.KeyId ?? 'alias/aws/ssm'}:${parameter.Value}`)
    .digest();
  return Buffer.concat([Buffer.from('AQICAHgSANDBOX'), digest]).toString('base64');
}

function getParameter(ctx: HandlerContext, input: GetParameterRequest) {
  const found = findParameter(ctx, input.Name ?? '');
  if (!found) throw awsError('ParameterNotFound', `Parameter ${input.Name} not found.`);
  return { Parameter: present(found.parameter, input.WithDecryption, found.selector) };
}

function getParameters(ctx: HandlerContext, input: GetParametersRequest) {
  const names = input.Names ?? [];
  if (names.length < 1 || names.length > MAX_NAMES) {
    throw awsError(
      'ValidationException',
      `1 validation error detected: Value at 'names' failed to satisfy constraint: Member must have length less than or equal to ${MAX_NAMES}`,
    );
  }
  const Parameters = [];
  const InvalidParameters = [];
  for (const name of new Set(names)) {
    const found = findParameter(ctx, name);
    if (found) Parameters.push(present(found.parameter, input.WithDecryption, found.selector));
    else InvalidParameters.push(name);
  }
  return { Parameters, InvalidParameters };
}

const MAX_VALUE_CHARS = 4096;

function putParameter(ctx: HandlerContext, input: PutParameterRequest) {
  const name = input.Name ?? '';
  if (!/^\/?[\w.\-/]{1,2048}$/.test(name) || /^\/?(aws|ssm)/i.test(name)) {
    throw awsError(
      'ValidationException',
      `Parameter name: can't be prefixed with "aws" or "ssm" (case-insensitive) and must be made of a-zA-Z0-9_.-/`,
    );
  }
  if (input.Value === undefined || input.Value === '' || input.Value.length > MAX_VALUE_CHARS) {
    throw awsError('ValidationException', `Parameter value must be 1 to ${MAX_VALUE_CHARS} characters.`);
  }
  const existing = ctx.regional.ssm.parameters.find((p) => p.Name === name);
  const now = ctx.now().toISOString();
  if (existing) {
    if (!input.Overwrite) {
      throw awsError(
        'ParameterAlreadyExists',
        'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
      );
    }
    existing.Value = input.Value;
    existing.Version += 1;
    existing.LastModifiedDate = now;
    if (input.Type) existing.Type = input.Type;
    return { Version: existing.Version, Tier: 'Standard' };
  }
  ctx.regional.ssm.parameters.push({
    Name: name,
    Type: input.Type ?? 'String',
    Value: input.Value,
    Version: 1,
    LastModifiedDate: now,
    ARN: `arn:aws:ssm:${ctx.region}:${ctx.accountId}:parameter${name.startsWith('/') ? '' : '/'}${name}`,
    DataType: input.DataType ?? 'text',
    ...(input.Description ? { Description: input.Description } : {}),
    ...(input.Type === 'SecureString' ? { KeyId: input.KeyId ?? 'alias/aws/ssm' } : {}),
  });
  return { Version: 1, Tier: 'Standard' };
}

export const parameterHandlers: Handlers = {
  GetParameter: getParameter,
  GetParameters: getParameters,
  PutParameter: putParameter,
};

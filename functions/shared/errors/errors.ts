// Error classes whose `name` is what state machines match in Retry/Catch (ErrorEquals).
export class AutopilotError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A config value is missing or invalid; the message names the key and what is allowed. */
export class ConfigError extends AutopilotError {}

/** The playbook input (event, console input, CLI --input) does not have the expected shape. */
export class InvalidInputError extends AutopilotError {}

/** A resource named in the input does not exist in the account. */
export class ResourceNotFoundError extends AutopilotError {}

/** A step read the account back and found it not in the state it had just set. */
export class VerificationFailedError extends AutopilotError {}

/** AWS throttled or failed transiently; the state machine retries these with backoff. */
export class TransientAwsError extends AutopilotError {}

/** Step Functions hands a Lambda error's Cause as JSON ({errorType, errorMessage, ...}); the message is what counts. */
export function causeMessage(cause: string | undefined): string {
  if (!cause) return '';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: string };
    return parsed.errorMessage ?? cause;
  } catch {
    return cause;
  }
}

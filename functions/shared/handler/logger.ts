// Structured JSON logs (Powertools). The CLI sets POWERTOOLS_LOG_LEVEL=SILENT so its trace stays readable.
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'idp-autopilot' });

// Cost Explorer is a global API served from us-east-1 only, whatever region the stack lives in.
export const COST_EXPLORER_REGION = 'us-east-1';

/** What every Cost Explorer API request costs (GetCostAndUsage, GetCostForecast, GetAnomalies, each page). */
export const USD_PER_REQUEST = 0.01;

/** An AWS error by its code; works for SDK exception classes and for errors deserialized from any source. */
export const hasCode = (error: unknown, code: string): boolean => error instanceof Error && error.name === code;

/** Record types shown apart from spend (never netted silently), and left out of the forecast and the budget. */
export const ADJUSTMENT_RECORD_TYPES = ['Credit', 'Refund'];

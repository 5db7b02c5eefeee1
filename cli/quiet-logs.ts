// Imported first by the CLI's entry points: the handlers' structured logs (Powertools) would interleave with the
// trace, and the logger takes its level when it is created, at import. AUTOPILOT_LOG_LEVEL=INFO shows them.
process.env.POWERTOOLS_LOG_LEVEL = process.env.AUTOPILOT_LOG_LEVEL ?? 'SILENT';

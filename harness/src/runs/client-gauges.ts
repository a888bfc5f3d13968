/**
 * Gauges read from the instrumented client each second. Its own file because the run manager
 * hands them to the live ticker and neither should import the other.
 */
export type ClientGauges = () => { queueDepth: number; breakers: Record<string, string> };

/** Gauges of the client a run uses (named after its scenario): that run's state only. */
export type RunClientGauges = (clientName: string) => ReturnType<ClientGauges>;

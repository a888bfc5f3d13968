import { useEffect, useState } from 'react';
import { hashParams } from '../../app/routes';
import { Panel } from '../../components/Panel';
import { RunPicker } from '../../components/RunPicker';
import { Stat } from '../../components/Stat';
import { call } from '../../lib/api';
import { fmt } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { useRuns } from '../../lib/use-runs';
import type { AppSection } from './app-types';
import { EndpointTable } from './EndpointTable';
import { ResilienceChart } from './ResilienceChart';
import { ResilienceTable } from './ResilienceTable';
import './app.css';

/** The `run` parameter of the location hash, if any. */
const linkedRunOf = () => hashParams(location.hash).get('run') ?? undefined;

/**
 * The chosen run: the one a `#/app?run=<id>` link names (following hash changes), or the one picked
 * since; `undefined` until either.
 */
function useChosenRun(): [string | undefined, (runId: string) => void] {
  const [run, setRun] = useState(linkedRunOf);
  useEffect(() => {
    const on = () => setRun(linkedRunOf());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return [run, setRun];
}

/** Headline figures of the app section, each with its population. */
function AppStats({ app }: { app: AppSection }) {
  const calls = app.endpoints.reduce((a, e) => a + e.providerCalls.total, 0);
  return (
    <div className="stats">
      <Stat label="measured app requests" value={fmt.int(app.requests)} testId="app-requests" />
      <Stat
        label="traces with the app's span"
        value={fmt.int(app.joined)}
        tone={app.joined < app.requests ? 'warn' : undefined}
        testId="app-joined"
        title="0 = the app does not export OTLP to the harness, or drops traceparent"
      />
      <Stat label="provider calls" value={fmt.int(calls)} testId="app-calls" />
      <Stat
        label="cost per app request"
        value={fmt.usd(app.costUsd === null || app.requests === 0 ? null : app.costUsd / app.requests)}
        testId="app-cost-per-request"
      />
      <Stat label="services" value={app.services.join(', ') || 'none'} testId="app-services" />
    </div>
  );
}

/** How the retries were counted, and over which calls. */
function RetriesHint({ app }: { app: AppSection }) {
  let calls = 0;
  let numbered = 0;
  for (const e of app.endpoints) {
    calls += e.providerCalls.total;
    numbered += e.providerCalls.retryCount.callsWithCount;
  }
  return (
    <p className="hint" data-testid="app-retries-hint">
      Retries: {fmt.int(numbered)} of {fmt.int(calls)} provider calls carried the SDK's own attempt number (
      <code>x-stainless-retry-count</code>, official openai and anthropic SDKs); a call numbered 1 or more is
      SDK-reported. Inferred: a first attempt (numbered 0, or not numbered: raw fetch, other SDKs) repeating a
      failed call of the same trace — your app's own re-asks included.
    </p>
  );
}

/**
 * "Your app": for a run that targeted a URL (the user's own app), what the app's users saw per
 * endpoint, the provider calls and cost per app request, and the resilience table — from the run
 * report's app section (`GET /api/runs/:id/report`).
 */
export function AppPage() {
  const runs = useRuns();
  const [chosen, setChosen] = useChosenRun();
  // The newest run that drove a URL (the view is about the user's app), else the newest run.
  const runId = chosen ?? (runs.data?.find((r) => r.target === 'url') ?? runs.data?.[0])?.runId;
  const report = useAsync(runId ? (signal) => call('report', { params: { id: runId }, signal }) : null, [
    runId,
  ]);
  const app = report.data?.app;
  return (
    <>
      <div className="toolbar">
        <RunPicker
          label="run"
          runs={runs.data ?? []}
          value={runId}
          onChange={setChosen}
          testId="app-run-picker"
        />
      </div>
      {report.error ? <p className="empty">No report for this run: {report.error.message}</p> : null}
      {report.data && !app ? (
        <p className="empty" data-testid="app-none">
          This run targeted the built-in client. The app view is for runs whose scenario targets a URL (your
          own app:{' '}
          <code>
            target: {'{'} kind: 'url' {'}'}
          </code>
          ).
        </p>
      ) : null}
      {app ? (
        <>
          <AppStats app={app} />
          <Panel
            title="Endpoints, as your users saw them"
            unit="measured window; latency and TTFB from the scheduled start"
          >
            <EndpointTable endpoints={app.endpoints} />
            <RetriesHint app={app} />
          </Panel>
          <Panel title="Resilience: what your users got when the provider failed" unit="faulted app requests">
            {app.resilience.length ? <ResilienceChart rows={app.resilience} /> : null}
            <ResilienceTable rows={app.resilience} />
            <p className="hint">
              Absorbed: a complete 2xx, and a provider call after every fault succeeded (or the faulted call
              still delivered, late: a stall waited out). Degraded: a 2xx that broke off, or that the app
              completed with no successful call after the fault. Surfaced: an error, a timeout or a dropped
              connection. A trace link opens its waterfall.
            </p>
          </Panel>
        </>
      ) : null}
    </>
  );
}

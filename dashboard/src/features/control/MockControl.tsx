import { useEffect, useState } from 'react';
import { Panel } from '../../components/Panel';
import { call } from '../../lib/api';
import { useLive } from '../../lib/live-context';
import { notify, notifyError } from '../../lib/notify';
import { useAsync } from '../../lib/use-async';
import { choiceFromSetting, type RateLimitChoice, rateLimitsValue } from './rate-limits';

const EXAMPLE = '{\n  "openai/gpt-4o-mini": { "rpm": 5 }\n}';

/** Switch the mock's fault profile and rate limits live (`PUT /api/mock/config`). */
export function MockControl() {
  const live = useLive();
  const profiles = useAsync((signal) => call('mockProfiles', { signal }), []);
  const initial = useAsync((signal) => call('mockConfig', { signal }), []);
  const config = live.mockConfig ?? initial.data;
  const [profile, setProfile] = useState<string>();
  const [limits, setLimits] = useState<RateLimitChoice>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (initial.error) notifyError(initial.error);
    if (profiles.error) notifyError(profiles.error);
  }, [initial.error, profiles.error]);
  const shownLimits = limits ?? choiceFromSetting(config?.rateLimits);
  const put = async (body: Record<string, unknown>, what: string) => {
    setBusy(true);
    try {
      await call('putMockConfig', { body });
      notify('info', `mock ${what} applied`);
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  // An inline profile (set through the admin API) has no name to select: shown as "inline".
  const current = typeof config?.profile === 'string' ? config.profile : undefined;
  const chosen = profiles.data?.find((p) => p.name === (profile ?? current));
  return (
    <Panel
      title="Mock providers"
      unit={
        config
          ? `now: profile ${current ?? 'inline'}, seed ${config.seed}, timeScale ${config.timeScale}`
          : 'loading…'
      }
    >
      <div className="row">
        <label className="field grow">
          <span>fault profile</span>
          <select
            data-testid="profile-select"
            value={profile ?? current ?? ''}
            onChange={(e) => setProfile(e.target.value)}
          >
            {(profiles.data ?? []).map((p) => (
              <option key={p.name} value={p.name}>
                {p.name} — {p.description}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          data-testid="profile-apply"
          disabled={busy || !(profile ?? current)}
          onClick={() => void put({ profile: profile ?? current }, 'profile')}
        >
          Apply profile
        </button>
      </div>
      {chosen ? (
        <p className="hint">
          {Object.entries(chosen.faults).filter(([, v]) => v > 0).length === 0
            ? 'No injected faults.'
            : Object.entries(chosen.faults)
                .filter(([, v]) => v > 0)
                .map(([k, v]) => `${k} ${(v * 100).toFixed(1)} %`)
                .join(' · ')}
        </p>
      ) : null}
      <div className="row" style={{ marginTop: 12 }}>
        <span className="field">rate limits</span>
        {(['published', 'off', 'custom'] as const).map((m) => (
          <label key={m} className="radio">
            <input
              type="radio"
              name="rate-limits"
              data-testid={`limits-${m}`}
              checked={shownLimits.mode === m}
              onChange={() =>
                setLimits(
                  m === 'custom'
                    ? { mode: 'custom', json: shownLimits.mode === 'custom' ? shownLimits.json : EXAMPLE }
                    : { mode: m },
                )
              }
            />
            {m === 'custom' ? 'overrides (JSON)' : m}
          </label>
        ))}
      </div>
      {shownLimits.mode === 'custom' ? (
        <textarea
          rows={5}
          data-testid="limits-json"
          value={shownLimits.json}
          onChange={(e) => setLimits({ mode: 'custom', json: e.target.value })}
        />
      ) : null}
      <div className="row" style={{ marginTop: 8 }}>
        <button
          type="button"
          data-testid="limits-apply"
          disabled={busy}
          onClick={() => {
            const v = rateLimitsValue(shownLimits);
            if ('error' in v) notify('error', v.error);
            else void put({ rateLimits: v.value }, 'rate limits');
          }}
        >
          Apply rate limits
        </button>
        <span className="hint">
          Overrides apply on top of the published tiers, per provider/model: rpm, tpm, itpm, otpm.
        </span>
      </div>
    </Panel>
  );
}

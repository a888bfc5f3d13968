import type { Rng } from '../content/rng';
import { BAGGAGE_FAULT, BAGGAGE_PROFILE, baggageValue, traceIdOf } from './baggage';
import { applicableKinds, type FaultKind, isFaultKind, type RequestShape } from './kinds';
import { builtinProfile, type FaultProfile, PROFILE_NAMES } from './profiles';

/**
 * The two numbers every fault site takes, whether or not a fault is then chosen: `u` picks the
 * kind, `v` places it (which chunk, how much text, which items). They come from the arrival-order
 * PRNG, or from a hash of the request's load arrival when its baggage names one
 * (arrival-draws.ts). A fixed count per request keeps later requests' draws independent of earlier
 * outcomes.
 */
export interface FaultDraw {
  u: number;
  v: number;
}

/** Takes one request's draw from the arrival-order PRNG. */
export function drawFault(rng: Rng): FaultDraw {
  return { u: rng.next(), v: rng.next() };
}

/**
 * Picks at most one kind: walks the applicable kinds in contract order, accumulating their
 * probabilities, and returns the one whose slice `u` falls in. Each kind's marginal frequency is
 * therefore exactly its profile probability per applicable request.
 */
export function pickFault(
  profile: FaultProfile,
  kinds: readonly FaultKind[],
  u: number,
): FaultKind | undefined {
  let acc = 0;
  for (const kind of kinds) {
    acc += profile.faults[kind] ?? 0;
    if (u < acc) return kind;
  }
  return undefined;
}

/** What the control headers of one request asked for (already validated). */
export interface FaultSelection {
  forced?: FaultKind;
  /** Baggage faults apply where they can, once per trace (`claim`); header faults always, or 400. */
  forcedVia?: 'header' | 'baggage';
  /** Baggage only: true the first time this request's trace asks (then the trace's fault is spent). */
  claim?: () => boolean;
  profile: FaultProfile;
  /** `x-mock-fault-at`: events delivered before a stream fault (0 = before the stream). */
  at?: number;
  draw: FaultDraw;
}

/** The chosen fault, if any, and where it came from (for ground truth). */
export interface FaultChoice {
  kind?: FaultKind;
  source?: 'forced' | 'profile';
}

/** Why a selection header was rejected; the caller renders a 400 in the provider's shape. */
export class SelectionError extends Error {}

/**
 * Reads `x-mock-fault`, `x-mock-profile` and `x-mock-fault-at`, else `mock.fault` / `mock.profile`
 * from `baggage` (see baggage.ts); throws `SelectionError` on bad values. `claims` remembers the
 * traces whose baggage fault was spent.
 */
export function readSelection(
  headers: Headers,
  fallback: FaultProfile,
  draw: FaultDraw,
  claims?: (traceId: string | undefined) => boolean,
): FaultSelection {
  const sel: FaultSelection = { profile: fallback, draw };
  const baggage = headers.get('baggage');
  const header = headers.get('x-mock-fault')?.trim();
  const fault = header || baggageValue(baggage, BAGGAGE_FAULT)?.trim();
  if (fault) {
    const label = header ? 'x-mock-fault' : `baggage ${BAGGAGE_FAULT}`;
    if (!isFaultKind(fault)) throw new SelectionError(`Unknown ${label} "${fault}".`);
    sel.forced = fault;
    sel.forcedVia = header ? 'header' : 'baggage';
    if (!header && claims) sel.claim = () => claims(traceIdOf(headers.get('traceparent')));
  }
  const profileHeader = headers.get('x-mock-profile')?.trim();
  const name = profileHeader || baggageValue(baggage, BAGGAGE_PROFILE)?.trim();
  if (name) {
    const profile = builtinProfile(name);
    if (!profile)
      throw new SelectionError(
        `Unknown ${profileHeader ? 'x-mock-profile' : `baggage ${BAGGAGE_PROFILE}`} "${name}"; valid profiles: ${PROFILE_NAMES.join(', ')}.`,
      );
    sel.profile = profile;
  }
  const at = headers.get('x-mock-fault-at')?.trim();
  if (at) {
    if (!/^\d+$/.test(at))
      throw new SelectionError(`x-mock-fault-at must be a non-negative integer, got "${at}".`);
    sel.at = Number(at);
  }
  return sel;
}

/** Decides the fault of one request of a known shape: the forced kind (if it applies) or a profile draw. */
export function chooseFault(sel: FaultSelection, shape: RequestShape): FaultChoice {
  const kinds = applicableKinds(shape);
  if (sel.forced && sel.forcedVia === 'baggage') {
    // Not this request's to take (cannot apply, or the trace already had it): draw as usual.
    if (kinds.includes(sel.forced) && (sel.claim?.() ?? true)) return { kind: sel.forced, source: 'forced' };
  } else if (sel.forced) {
    if (!kinds.includes(sel.forced)) {
      throw new SelectionError(
        `Fault "${sel.forced}" cannot apply to this request; kinds that can: ${kinds.join(', ') || '(none)'}.`,
      );
    }
    return { kind: sel.forced, source: 'forced' };
  }
  const kind = pickFault(sel.profile, kinds, sel.draw.u);
  return kind ? { kind, source: 'profile' } : {};
}

/** Circuit breaker state per provider/model, colored (closed green, half-open amber, open red). */
export function BreakerStrip({ breakers }: { breakers: Record<string, string> | undefined }) {
  const entries = Object.entries(breakers ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <p className="empty">No breaker reported (live runs only).</p>;
  return (
    <div className="breakers" data-testid="breakers">
      {entries.map(([name, state]) => (
        <span key={name} className={`breaker ${state.replace(/\s+/g, '-')}`}>
          {name}
          <b>{state}</b>
        </span>
      ))}
    </div>
  );
}

/** One headline number with its label; `tone` colors it (e.g. errors > 0). */
export function Stat(props: {
  label: string;
  value: string;
  tone?: 'ok' | 'bad' | 'warn' | undefined;
  testId?: string | undefined;
  title?: string | undefined;
}) {
  return (
    <div className={`stat ${props.tone ? `tone-${props.tone}` : ''}`} title={props.title}>
      <div className="stat-value" data-testid={props.testId}>
        {props.value}
      </div>
      <div className="stat-label">{props.label}</div>
    </div>
  );
}

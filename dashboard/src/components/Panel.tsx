import type { ReactNode } from 'react';

/** A titled card; `unit` says what the numbers inside are measured in. */
export function Panel(props: {
  title: string;
  unit?: string | undefined;
  actions?: ReactNode;
  children: ReactNode;
  className?: string | undefined;
  testId?: string | undefined;
}) {
  return (
    <section className={`panel ${props.className ?? ''}`} data-testid={props.testId}>
      <header className="panel-head">
        <h2>
          {props.title}
          {props.unit ? <span className="unit"> ({props.unit})</span> : null}
        </h2>
        {props.actions}
      </header>
      {props.children}
    </section>
  );
}

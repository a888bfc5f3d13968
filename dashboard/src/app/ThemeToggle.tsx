import type { ThemeMode } from '../lib/theme';

const NEXT: Record<ThemeMode, ThemeMode> = { auto: 'light', light: 'dark', dark: 'auto' };

/** Cycles auto (OS) → light → dark. */
export function ThemeToggle(props: { mode: ThemeMode; onChange: (m: ThemeMode) => void }) {
  return (
    <button
      type="button"
      className="ghost"
      data-testid="theme-toggle"
      title="theme: follow the OS, light or dark"
      onClick={() => props.onChange(NEXT[props.mode])}
    >
      theme: {props.mode}
    </button>
  );
}

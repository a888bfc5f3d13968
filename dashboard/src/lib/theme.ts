import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';

/** The user's choice: follow the OS, or force one. */
export type ThemeMode = 'auto' | 'light' | 'dark';

/** Chart colors for one theme (SVG needs concrete colors). */
export interface Palette {
  text: string;
  muted: string;
  grid: string;
  series: readonly string[];
  ok: string;
  bad: string;
  warn: string;
  services: Record<string, string>;
}

const LIGHT: Palette = {
  text: '#1f2328',
  muted: '#59636e',
  grid: '#d8dee4',
  series: ['#0969da', '#bf3989', '#1a7f37', '#9a6700', '#8250df', '#cf222e', '#0a7d8c', '#6e7781'],
  ok: '#1a7f37',
  bad: '#cf222e',
  warn: '#9a6700',
  services: { 'harness-driver': '#6e7781', harness: '#0969da', 'mock-providers': '#bf3989' },
};

const DARK: Palette = {
  text: '#e6edf3',
  muted: '#9198a1',
  grid: '#30363d',
  series: ['#4493f8', '#f778ba', '#3fb950', '#d29922', '#a371f7', '#f85149', '#39c5cf', '#9198a1'],
  ok: '#3fb950',
  bad: '#f85149',
  warn: '#d29922',
  services: { 'harness-driver': '#9198a1', harness: '#4493f8', 'mock-providers': '#f778ba' },
};

const KEY = 'harness.theme';
const dark = () => window.matchMedia('(prefers-color-scheme: dark)');

/** Read the stored theme mode. */
export function storedMode(): ThemeMode {
  const v = localStorage.getItem(KEY);
  return v === 'light' || v === 'dark' ? v : 'auto';
}

/** The mode, its setter (persisted, applied as `data-theme` on <html>), and the chart palette. */
export function useTheme(): {
  mode: ThemeMode;
  setMode(m: ThemeMode): void;
  palette: Palette;
  isDark: boolean;
} {
  const [mode, setModeState] = useState<ThemeMode>(storedMode);
  const osDark = useSyncExternalStore(
    (cb) => {
      const m = dark();
      m.addEventListener('change', cb);
      return () => m.removeEventListener('change', cb);
    },
    () => dark().matches,
  );
  useEffect(() => {
    if (mode === 'auto') document.documentElement.removeAttribute('data-theme');
    else document.documentElement.setAttribute('data-theme', mode);
  }, [mode]);
  const isDark = mode === 'dark' || (mode === 'auto' && osDark);
  return {
    mode,
    setMode(m) {
      localStorage.setItem(KEY, m);
      setModeState(m);
    },
    palette: isDark ? DARK : LIGHT,
    isDark,
  };
}

/** The palette of the theme in force (provided by the app shell). */
export const PaletteContext = createContext<Palette>(LIGHT);

/** Chart colors for the current theme. */
export function usePalette(): Palette {
  return useContext(PaletteContext);
}

/** A stable color for a name (error class, pattern, run) from the palette's series colors. */
export function colorFor(p: Palette, name: string, index?: number): string {
  let h = index ?? 0;
  if (index === undefined) for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return p.series[h % p.series.length] ?? p.text;
}

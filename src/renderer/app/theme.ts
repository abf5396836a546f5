/** Dark/light theme: dark by default, the choice remembered in localStorage. */
import { useCallback, useEffect, useState } from 'react';

/** The two themes. */
export type Theme = 'dark' | 'light';

const KEY = 'parascope.theme';

/** The remembered theme, or dark. Storage can be unavailable (privacy modes): then dark. */
export function storedTheme(): Theme {
  try {
    return localStorage.getItem(KEY) === 'light' ? 'light' : 'dark';
  } catch {
    return 'dark';
  }
}

/** Puts `theme` on the document (CSS variables key off `data-theme`). */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}

/** The current theme and a toggle that applies and remembers the other one. */
export function useTheme(): { theme: Theme; toggle: () => void } {
  const [theme, setTheme] = useState<Theme>(storedTheme);
  useEffect(() => {
    applyTheme(theme);
    try {
      localStorage.setItem(KEY, theme);
    } catch {
      // Not remembered, but still switched.
    }
  }, [theme]);
  const toggle = useCallback(() => setTheme((current) => (current === 'dark' ? 'light' : 'dark')), []);
  return { theme, toggle };
}

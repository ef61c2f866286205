/** Keeps `<html data-scheme>` (which the stylesheet's palette follows) in step with the settings slice. */
import { useSettingsStore } from '../store/settings';

export function applyScheme(): () => void {
  const apply = (scheme: string): void => {
    document.documentElement.dataset.scheme = scheme;
    document.documentElement.style.colorScheme = scheme;
  };
  apply(useSettingsStore.getState().scheme);
  return useSettingsStore.subscribe((s, prev) => {
    if (s.scheme !== prev.scheme) apply(s.scheme);
  });
}

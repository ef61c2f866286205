/** `[data-testid="exit-status"]`: empty before a run, `running` during one, then how it ended (`exit status N` or `killed by SIGNAME (N)`). */
import { useRunStore } from '../../store/run';

function tone(text: string): string {
  if (text === '') return 'empty';
  if (text === 'running') return 'running';
  if (text.startsWith('killed')) return 'killed';
  return text.startsWith('exit status 0') ? 'ok' : 'fail';
}

export function ExitBadge() {
  const text = useRunStore((s) => s.exitText);
  return (
    <output className={`exit-badge ${tone(text)}`} data-testid="exit-status" aria-live="polite">
      {text}
    </output>
  );
}

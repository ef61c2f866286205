import { useState } from 'react';
import { useRunStore } from '../../store/run';
import { services } from '../services';
import { ExitBadge } from '../exit/ExitBadge';
import { FilesPanel } from '../files/FilesPanel';
import { TerminalPanel } from '../terminal/TerminalPanel';
import { Transcript } from '../terminal/Transcript';
import { NodeStatus } from '../node/NodeStatus';
import { OpenShellButton } from '../node/OpenShellButton';
import { downloadText } from '../download';
import { TimelinePanel } from '../timeline/TimelinePanel';

function transcriptText(): string {
  const out = services().terminal;
  out.flush(true);
  return out.text();
}

function TranscriptActions() {
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(transcriptText());
      setCopied('ok');
    } catch {
      setCopied('failed');
    }
    setTimeout(() => setCopied(null), 2000);
  };
  const download = (): void => downloadText('exitlab-transcript.txt', transcriptText(), 'text/plain;charset=utf-8');
  return (
    <div className="pane-actions">
      <OpenShellButton />
      <span className="copy-status" role="status">
        {copied === 'ok' ? 'Copied' : copied === 'failed' ? 'Copy failed' : ''}
      </span>
      <button type="button" className="btn ghost small icon" onClick={() => void copy()} aria-label="Copy transcript" title="Copy transcript">
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
          <path d="M10.5 3.5v-.5A1.5 1.5 0 009 1.5H4A1.5 1.5 0 002.5 3v5A1.5 1.5 0 004 9.5h.5" />
        </svg>
      </button>
      <button
        type="button"
        className="btn ghost small icon"
        onClick={download}
        aria-label="Download transcript"
        title="Download transcript"
      >
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <path d="M8 2v8M4.5 7L8 10.5 11.5 7M2.5 13.5h11" />
        </svg>
      </button>
    </div>
  );
}

function InputHint() {
  const waiting = useRunStore((s) => s.waitingForInput);
  const interactive = useRunStore((s) => s.engine.interactive);
  if (!waiting) return null;
  return (
    <span className="input-hint" role="status">
      {interactive ? 'waiting for input: type in the terminal' : 'waiting for input (unavailable here)'}
    </span>
  );
}

export function TerminalPane() {
  return (
    <section className="pane terminal-pane" aria-label="Terminal">
      <div className="pane-header">
        <div className="title-group">
          <span className="pane-title">Terminal</span>
          <ExitBadge />
          <InputHint />
        </div>
        <TranscriptActions />
      </div>
      <NodeStatus />
      <div className="terminal-box">
        <TerminalPanel />
      </div>
      <TimelinePanel />
      <Transcript />
      <FilesPanel />
    </section>
  );
}

/**
 * The program's disk: files it wrote in its working directory, kept for the
 * next run. Listed with their contents; what the last run created or changed
 * is marked, so "saving pending work at exit" is visible.
 */
import { useState } from 'react';
import { useDiskStore } from '../../store/disk';
import type { StoredFile } from '../../store/persist';
import { PanelToggle } from '../layout/PanelToggle';

const PREVIEW_BYTES = 64 * 1024;

function formatSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function preview(file: StoredFile): { text: string; binary: boolean; cut: boolean } {
  const cut = file.data.length > PREVIEW_BYTES;
  const bytes = cut ? file.data.subarray(0, PREVIEW_BYTES) : file.data;
  try {
    const text = new TextDecoder('utf-8', { fatal: !cut }).decode(bytes);
    return { text, binary: false, cut };
  } catch {
    const hex = Array.from(bytes.subarray(0, 512), (b) => b.toString(16).padStart(2, '0')).join(' ');
    return { text: hex, binary: true, cut: file.data.length > 512 };
  }
}

function FileItem({ file, change }: { file: StoredFile; change: 'new' | 'changed' | undefined }) {
  const [open, setOpen] = useState(false);
  const p = open ? preview(file) : null;
  return (
    <li className="file-item">
      <button type="button" className="file-row" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <svg className="chev" viewBox="0 0 12 12" aria-hidden="true">
          <path d={open ? 'M3 4.5l3 3 3-3' : 'M4.5 3l3 3-3 3'} />
        </svg>
        <span className="file-name">{file.path}</span>
        {change && <span className={`chip ${change}`}>{change === 'new' ? 'new' : 'changed'}</span>}
        <span className="file-size">{formatSize(file.data.length)}</span>
      </button>
      {p && (
        <pre className="file-content" data-testid="file-content" tabIndex={0} aria-label={`Contents of ${file.path}`}>
          {p.binary && <span className="muted">binary file, first bytes in hex:{'\n'}</span>}
          {p.text}
          {p.cut && <span className="muted">{'\n'}… (only the beginning is shown)</span>}
        </pre>
      )}
    </li>
  );
}

export function FilesPanel() {
  const files = useDiskStore((s) => s.files);
  const changes = useDiskStore((s) => s.changes);
  const deleted = useDiskStore((s) => s.deleted);
  const [open, setOpen] = useState(true);
  return (
    <section className="files-panel" aria-label="Files" data-testid="files-panel">
      <div className="files-head-row">
        <PanelToggle title="Files" count={files.length} open={open} onToggle={() => setOpen((o) => !o)} className="files-header" />
        <span className="files-where">/home/pyodide · kept for the next run</span>
      </div>
      {open && (
        <div className="files-body">
          {files.length === 0 ? (
            <p className="empty">
              No files yet. Files your program writes here (e.g. <code>open("notes.txt", "w")</code>) stay for its next
              run; Reset clears them.
            </p>
          ) : (
            <ul className="file-list">
              {files.map((f) => (
                <FileItem key={f.path} file={f} change={changes[f.path]} />
              ))}
            </ul>
          )}
          {deleted.length > 0 && <p className="deleted">Deleted by the last run: {deleted.join(', ')}</p>}
        </div>
      )}
    </section>
  );
}

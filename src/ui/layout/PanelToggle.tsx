/** The header of a collapsible panel (Files, Timeline): a button with a chevron, the title and a count. */
export function PanelToggle(props: { title: string; count: number; open: boolean; onToggle(): void; className: string }) {
  const { title, count, open, onToggle, className } = props;
  return (
    <button type="button" className={`panel-toggle ${className}`} aria-expanded={open} onClick={onToggle}>
      <svg className="chev" viewBox="0 0 12 12" aria-hidden="true">
        <path d={open ? 'M3 4.5l3 3 3-3' : 'M4.5 3l3 3-3 3'} />
      </svg>
      <span className="pane-title">{title}</span>
      <span className="count">{count}</span>
    </button>
  );
}

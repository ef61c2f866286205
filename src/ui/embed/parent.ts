/**
 * The embed's side of the messages with the page around it (schemas in hosts/article/messages):
 * it reports its height and that it is ready, and takes the page's colour scheme. Every other
 * message is dropped: a page cannot start a run or read anything through them.
 */
import { EmbedToPage, PageToEmbed, readMessage } from '../../hosts/article/messages';
import { useSettingsStore } from '../../store/settings';

function tell(message: EmbedToPage): void {
  if (window.parent === window) return;
  // Only sizes and readiness go out, never content: any page may embed us, so no target origin.
  window.parent.postMessage(message, '*');
}

/** Listens to the parent and reports the root's height; returns a function that stops both. */
export function connectToParent(root: HTMLElement, onTheme: () => void): () => void {
  const onMessage = (event: MessageEvent): void => {
    if (event.source !== window.parent || window.parent === window) return;
    const message = readMessage(PageToEmbed, event.data);
    if (message === null) return;
    onTheme();
    useSettingsStore.getState().setScheme(message.theme);
  };
  window.addEventListener('message', onMessage);
  let last = -1;
  const report = (): void => {
    const height = Math.ceil(root.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    tell({ type: 'exitlab:size', height });
  };
  const observer = new ResizeObserver(report);
  observer.observe(root);
  tell({ type: 'exitlab:ready' });
  report();
  return () => {
    observer.disconnect();
    window.removeEventListener('message', onMessage);
  };
}

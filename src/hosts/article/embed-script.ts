/**
 * `embed.js`, the drop-in script for anyone's page:
 *
 *   <script type="module" src="https://exitlab.example/embed.js"></script>
 *   <pre data-exitlab data-exitlab-view="both" data-exitlab-cmd="python main.py">print("hi")</pre>
 *
 * Every `<pre data-exitlab>` becomes an `<iframe>` of `embed.html` (from the script's own
 * site) once it comes near the viewport. The `<pre>` stays as it is until the embed says it is
 * ready, and for good when scripts are blocked or the embed never loads. Attributes:
 *
 * - `data-exitlab-view`: `both` (default), `editor` or `output`;
 * - `data-exitlab-cmd`: the command line (default `python main.py`);
 * - `data-exitlab-autorun`: run once on load, with stdin at end of input (the page's choice).
 *
 * The iframe's height follows the embed's content and its colour scheme follows the page's
 * (`color-scheme` of the page's root if it says exactly `light` or `dark`, else the reader's
 * `prefers-color-scheme`). Only the messages in `messages.ts` pass, checked for shape and for
 * coming from the embed's own window and origin.
 */
import { makeEmbedHash, type EmbedView, EMBED_VIEWS } from '../../links/embed';
import { EmbedToPage, readMessage, type PageToEmbed } from './messages';

const EMBED_URL = new URL('./embed.html', import.meta.url);
const ORIGIN = EMBED_URL.origin;
/** Start loading an embed this far before it scrolls into view. */
const NEAR = '400px 0px';

interface Embed {
  pre: HTMLPreElement;
  frame: HTMLIFrameElement;
}
const embeds: Embed[] = [];

function pageScheme(): 'light' | 'dark' {
  const declared = getComputedStyle(document.documentElement).colorScheme.trim();
  if (declared === 'dark' || declared === 'light') return declared;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function tell(frame: HTMLIFrameElement, message: PageToEmbed): void {
  frame.contentWindow?.postMessage(message, ORIGIN);
}

function sourceOf(pre: HTMLPreElement): string {
  const text = (pre.textContent ?? '').replace(/^\n/, '');
  return text.endsWith('\n') ? text : `${text}\n`;
}

function build(pre: HTMLPreElement): void {
  const view = pre.dataset.exitlabView;
  const hash = makeEmbedHash(sourceOf(pre), {
    view: (EMBED_VIEWS as readonly string[]).includes(view ?? '') ? (view as EmbedView) : 'both',
    ...(pre.dataset.exitlabCmd ? { commandLine: pre.dataset.exitlabCmd } : {}),
    autorun: pre.hasAttribute('data-exitlab-autorun'),
  });
  const frame = document.createElement('iframe');
  frame.src = `${EMBED_URL.href}${hash}`;
  frame.title = pre.getAttribute('aria-label') ?? 'Runnable Python snippet (Exit Lab)';
  frame.allow = 'clipboard-write';
  frame.className = 'exitlab-embed';
  // Kept out of sight until ready: the <pre> shows the code meanwhile.
  frame.style.cssText = `display:block;width:100%;border:0;height:0;visibility:hidden;position:absolute;color-scheme:normal`;
  pre.after(frame);
  embeds.push({ pre, frame });
}

function onMessage(event: MessageEvent): void {
  if (event.origin !== ORIGIN) return;
  const embed = embeds.find((e) => e.frame.contentWindow === event.source);
  if (!embed) return;
  const message = readMessage(EmbedToPage, event.data);
  if (message === null) return;
  const { frame, pre } = embed;
  if (message.type === 'exitlab:ready') {
    tell(frame, { type: 'exitlab:theme', theme: pageScheme() });
    frame.style.position = '';
    frame.style.visibility = '';
    pre.hidden = true;
  } else {
    frame.style.height = `${message.height}px`;
  }
}

function start(): void {
  const pres = [...document.querySelectorAll<HTMLPreElement>('pre[data-exitlab]')].filter((p) => !p.dataset.exitlabDone);
  if (pres.length === 0) return;
  for (const pre of pres) pre.dataset.exitlabDone = '1';
  const near = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        near.unobserve(entry.target);
        build(entry.target as HTMLPreElement);
      }
    },
    { rootMargin: NEAR },
  );
  for (const pre of pres) near.observe(pre);
}

window.addEventListener('message', onMessage);
const themeChanged = (): void => {
  for (const { frame } of embeds) tell(frame, { type: 'exitlab:theme', theme: pageScheme() });
};
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', themeChanged);
new MutationObserver(themeChanged).observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'style', 'data-theme'] });
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();

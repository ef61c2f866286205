/**
 * Keeps an element's text equal to a transcript's parts, one text node per
 * chunk: new chunks are appended, chunks trimmed from the front are removed,
 * and a chunk whose string changed (front trim, typed erase) is rewritten.
 * Unchanged chunks are the same string objects, so comparing them is cheap.
 */
import type { TranscriptParts } from './output';

export class TranscriptMirror {
  private epoch = -1;
  private head: Text;
  private cutLine: Text;
  private nodes: Text[] = [];
  private texts: string[] = [];
  /** Index (since the transcript started) of the chunk `nodes[0]` shows. */
  private first = 0;

  constructor(private readonly el: Element) {
    const doc = el.ownerDocument;
    this.head = doc.createTextNode('');
    this.cutLine = doc.createTextNode('');
  }

  sync(parts: TranscriptParts): void {
    if (parts.epoch !== this.epoch) {
      this.epoch = parts.epoch;
      this.el.replaceChildren(this.head, this.cutLine);
      this.nodes = [];
      this.texts = [];
      this.first = parts.firstIndex;
    }
    if (this.head.data !== parts.head) this.head.data = parts.head;
    if (this.cutLine.data !== parts.cutLine) this.cutLine.data = parts.cutLine;
    // Chunks gone from the front.
    const gone = Math.min(this.nodes.length, Math.max(0, parts.firstIndex - this.first));
    for (const node of this.nodes.splice(0, gone)) node.remove();
    this.texts.splice(0, gone);
    this.first = parts.firstIndex;
    // Changed and new chunks.
    const { chunks } = parts;
    for (let i = 0; i < chunks.length; i++) {
      const chunk = chunks[i]!;
      if (i < this.nodes.length) {
        if (this.texts[i] !== chunk) {
          this.nodes[i]!.data = chunk;
          this.texts[i] = chunk;
        }
      } else {
        const node = this.el.ownerDocument.createTextNode(chunk);
        this.el.appendChild(node);
        this.nodes.push(node);
        this.texts.push(chunk);
      }
    }
    for (const node of this.nodes.splice(chunks.length)) node.remove();
    this.texts.length = chunks.length;
  }
}

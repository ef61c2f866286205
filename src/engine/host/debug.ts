/** EXITLAB_DEBUG=1 traces the host's messages on stderr (Node only). */
export const DEBUG = typeof process !== 'undefined' && Boolean(process.env?.EXITLAB_DEBUG);
export function debugLog(...parts: string[]): void {
  console.error(`[exitlab ${performance.now().toFixed(1)}]`, ...parts);
}

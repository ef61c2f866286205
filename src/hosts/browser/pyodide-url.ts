/** Where our build serves Pyodide's files (copied from node_modules, never a CDN). */
export function pyodideBaseUrl(): string {
  const base = import.meta.env.BASE_URL || '/';
  return new URL(`${base}pyodide/`, self.location.origin).href;
}

/** Saves `text` as a file called `name` through the browser's own download. */
export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The click has handed the blob to the download by the next turn; a second is generous.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

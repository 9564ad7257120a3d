/** Saves text as a file through a temporary object URL and <a download> (no downloads permission). */
export function downloadText(filename: string, text: string, type: string): void {
  downloadBlob(filename, new Blob([text], { type }));
}

/** Saves bytes (an .xlsx) or text as a file, the same way. */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: Chrome reads the blob asynchronously after the click.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file-name-safe stem from a URL or prompt: "example.com-page". */
export function fileStem(label: string): string {
  const stem = label
    .replace(/[a-z]+:\/\//gi, '')
    .replace(/[^a-z0-9._-]+/gi, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return stem || 'scrape';
}

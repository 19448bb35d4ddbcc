/** Saving what a widget made (a scorecard's CSV or PNG, a mapping file, the rejected rows) as a file. */

/** Saves a Blob as a file through a temporary link (revoked after the click). */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }
}

/** Saves a blob as a file through a temporary link (the same way the attention views export). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function saveJson(value: unknown, name: string): void {
  saveBlob(new Blob([JSON.stringify(value)], { type: 'application/json' }), name);
}

export function statusClass(status: number): string {
  if (status >= 200 && status < 300) return 'status-ok';
  if (status >= 300 && status < 400) return 'status-redirect';
  return 'status-error';
}

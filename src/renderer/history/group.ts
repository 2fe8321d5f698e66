import type { HistorySummary } from '../../shared/contract';

export interface HistoryDay {
  /** `Today`, `Yesterday`, or the date in the user's locale. */
  readonly label: string;
  readonly entries: readonly HistorySummary[];
}

function dayKey(date: Date): string {
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

/** Entries (newest first) grouped by the local day they were sent, newest day first. */
export function groupByDay(entries: readonly HistorySummary[], now = new Date(), locale?: string): HistoryDay[] {
  const today = dayKey(now);
  const yesterday = dayKey(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1));
  const days: { label: string; key: string; entries: HistorySummary[] }[] = [];
  for (const entry of entries) {
    const at = new Date(entry.at);
    const key = dayKey(at);
    let day = days.at(-1);
    if (day?.key !== key) {
      const label =
        key === today
          ? 'Today'
          : key === yesterday
            ? 'Yesterday'
            : at.toLocaleDateString(locale, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });
      day = { label, key, entries: [] };
      days.push(day);
    }
    day.entries.push(entry);
  }
  return days.map(({ label, entries: list }) => ({ label, entries: list }));
}

/** The time of day an entry was sent, as the list shows it. */
export function timeOfDay(iso: string, locale?: string): string {
  return new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}

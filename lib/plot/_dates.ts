/** ISO `yyyy-mm-dd` strings to UTC `Date`s for time axes. */
export function toDates(dates: readonly string[]): Date[] {
  return dates.map((d) => new Date(`${d}T00:00:00Z`));
}

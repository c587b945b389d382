/**
 * Once joined, the terms bind (pure date rules, no I/O). A membership runs in terms of whole calendar
 * years: the first ends on 31 December of the year the member joined plus termYears − 1, each next
 * one termYears later. A member leaves only at the end of a term, and only with notice: the notice
 * must be given before the term's last day minus noticeMonths (NOTICE_BEFORE_TERM_END). Dates are
 * calendar days (YYYY-MM-DD) in Europe/Amsterdam.
 */

/** The last days (31 December) of the terms, from the first on, up to and including `until`'s year. */
export function termEnds(joinedOn: string, termYears: number, untilYear: number): string[] {
  const ends: string[] = [];
  for (let year = Number(joinedOn.slice(0, 4)) + termYears - 1; year <= untilYear; year += termYears) ends.push(`${year}-12-31`);
  return ends;
}

/** The last day on which notice may be given for a term ending on `lastDay`: the day before lastDay + 1 − noticeMonths months. */
export function noticeDeadline(lastDay: string, noticeMonths: number): string {
  const year = Number(lastDay.slice(0, 4)) + 1; // the term ends at the start of 1 January of the next year
  const monthIndex = 0 - noticeMonths; // months from January of `year`
  const start = new Date(Date.UTC(year, monthIndex, 1)); // first day the notice is too late
  start.setUTCDate(start.getUTCDate() - 1);
  return start.toISOString().slice(0, 10);
}

/** The earliest last day of membership for notice given on `givenOn`. */
export function earliestLastDay(joinedOn: string, termYears: number, noticeMonths: number, givenOn: string): string {
  const ends = termEnds(joinedOn, termYears, Number(givenOn.slice(0, 4)) + termYears + Math.ceil(noticeMonths / 12) + 1);
  const end = ends.find((e) => givenOn <= noticeDeadline(e, noticeMonths));
  if (!end) throw new Error('no term end found'); // the range above always holds one
  return end;
}

/** Whether `lastDay` is the end of one of the membership's terms. */
export function isTermEnd(joinedOn: string, termYears: number, lastDay: string): boolean {
  return termEnds(joinedOn, termYears, Number(lastDay.slice(0, 4))).includes(lastDay);
}

/** The membership covers some day of `year`: joined by its end, and not ended before it began. */
export function activeIn(year: number, joinedOn: string, lastDay: string | null): boolean {
  return joinedOn <= `${year}-12-31` && (lastDay === null || lastDay >= `${year}-01-01`);
}

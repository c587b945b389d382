/** How user-facing text writes money, dates and shares: Dutch style, in Europe/Amsterdam. */
export const TIME_ZONE = 'Europe/Amsterdam';

const dateFormat = new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const integerFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });

/** "26 juni 2020" */
export function formatDateNl(instant: Date | string): string {
  return dateFormat.format(new Date(instant));
}

/** "26 juni 2020 om 12:00" (Amsterdam time) */
export function formatDateTimeNl(instant: Date | string): string {
  const date = new Date(instant);
  return `${dateFormat.format(date)} om ${timeFormat.format(date)}`;
}

/** 17427806 -> "17.427.806" */
export function formatIntegerNl(value: number | string): string {
  return integerFormat.format(Number(value));
}

/** Integer euro cents to "€ 1.234,56"; exact (no floating point on the amount). */
export function formatEuroCents(cents: number | bigint): string {
  const value = BigInt(cents);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const euros = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const rest = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '- ' : ''}€ ${euros},${rest}`;
}

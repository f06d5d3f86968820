import { t } from './strings';

/** 95 → "1:35" (whole minutes as h:mm, the way the back office counts hours). */
export const hm = (minutes: number): string => {
  const sign = minutes < 0 ? '−' : '';
  const total = Math.abs(minutes);
  return `${sign}${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
};

/** "1:30" or "90" (minutes) → 90; "-0:15" → −15; undefined when not a duration. */
export const parseHm = (text: string): number | undefined => {
  const match = /^\s*([+\-−]?)(\d{1,5})(?::(\d{1,2}))?\s*$/.exec(text);
  if (!match) return undefined;
  const [, sign, first, second] = match;
  const minutes = second === undefined ? Number(first) : Number(first) * 60 + Number(second);
  if (second !== undefined && Number(second) > 59) return undefined;
  return sign === '-' || sign === '−' ? -minutes : minutes;
};

const parts = (instant: string, timeZone: string) => {
  const formatted = new Intl.DateTimeFormat('pt-BR', {
    timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  return (type: string) => formatted.find((p) => p.type === type)?.value ?? '';
};

export const dateTime = (instant: string | null | undefined, timeZone = 'America/Sao_Paulo'): string => {
  if (!instant) return '—';
  const part = parts(instant, timeZone);
  return `${part('day')}/${part('month')}/${part('year')} ${t.format.at} ${part('hour')}:${part('minute')}`;
};

/** An instant's day in the zone, "31/07/2030". */
export const dayOf = (instant: string, timeZone = 'America/Sao_Paulo'): string => {
  const part = parts(instant, timeZone);
  return `${part('day')}/${part('month')}/${part('year')}`;
};

/** The last day before an instant (an end that is the first instant of the next period), in the zone. */
export const lastDayBefore = (instant: string, timeZone?: string): string => dayOf(new Date(Date.parse(instant) - 1).toISOString(), timeZone);

export const dateOnly = (date: string): string => {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
};

/** A <input type="datetime-local"> value in the zone → an ISO instant (with its offset, through Intl). */
export const localToInstant = (local: string, timeZone: string): string => {
  const guess = new Date(`${local}:00Z`);
  const offsetOf = (date: Date) => {
    const part = parts(date.toISOString(), timeZone);
    const asUtc = Date.UTC(Number(part('year')), Number(part('month')) - 1, Number(part('day')), Number(part('hour')), Number(part('minute')));
    return asUtc - Math.floor(date.getTime() / 60000) * 60000;
  };
  return new Date(guess.getTime() - offsetOf(new Date(guess.getTime() - offsetOf(guess)))).toISOString();
};

/** An instant → the "YYYY-MM-DDTHH:mm" a datetime-local input shows, in the zone. */
export const instantToLocal = (instant: string, timeZone: string): string => {
  const part = parts(instant, timeZone);
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
};

/** "1.800,00" (reais, Brazilian notation) → 180000 cents. */
export const reais = (text: string): number => Math.round(Number(text.trim().replace(/\./g, '').replace(',', '.')) * 100);

export const brl = (cents: number): string => {
  const negative = cents < 0;
  const [whole, fraction] = (Math.abs(cents) / 100).toFixed(2).split('.');
  return `${negative ? '−' : ''}R$ ${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${fraction}`;
};

export const ticketLabel = (number: number | null | undefined): string => (typeof number === 'number' ? `#${number}` : t.tickets.noNumber);

/** The period (YYYY-MM) an instant falls in, in the zone. */
export const periodOfInstant = (instant: string, timeZone: string): string => {
  const part = parts(instant, timeZone);
  return `${part('year')}-${part('month')}`;
};

export const currentPeriod = (timeZone = 'America/Sao_Paulo'): string => periodOfInstant(new Date().toISOString(), timeZone);

/** `count` periods from the current one, going back (step −1) or forward (step 1). */
const periodsFromNow = (count: number, step: 1 | -1, timeZone?: string): string[] => {
  const [y, m] = currentPeriod(timeZone).split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const index = y * 12 + (m - 1) + step * i;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
};

/** This period and the `count − 1` before it (the reports). */
export const previousPeriods = (count: number, timeZone?: string): string[] => periodsFromNow(count, -1, timeZone);

/** This period and the `count − 1` after it (the periods a revision or an amendment may start from). */
export const nextPeriods = (count: number, timeZone?: string): string[] => periodsFromNow(count, 1, timeZone);

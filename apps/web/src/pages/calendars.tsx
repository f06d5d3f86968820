import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { del, patch, post } from '../api/client';
import { useAccountNames, useCalendar } from '../api/hooks';
import { dateOnly } from '../format';
import { Card, Checkbox, ErrorBox, Form, Loading, Page, Select, TextField } from '../components/ui';
import { useSession } from '../session';
import { t } from '../strings';

/** Business calendars: the options (zone, national holidays, Carnival, Corpus Christi), the days off, local holidays. */
export function CalendarsPage() {
  const { user } = useSession();
  const { accounts } = useAccountNames();
  const ids = [...new Set(['br-national', ...accounts.map((a) => (a as { calendarId?: string }).calendarId).filter((id): id is string => !!id)])];
  const [id, setId] = useState('br-national');
  const [year, setYear] = useState(new Date().getFullYear());
  const calendar = useCalendar(id, year);
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['calendars'] });
  const [options, setOptions] = useState({ brazilNationalHolidays: true, carnival: false, corpusChristi: false, timeZone: 'America/Sao_Paulo' });
  useEffect(() => {
    if (calendar.data) setOptions({ brazilNationalHolidays: calendar.data.brazilNationalHolidays, carnival: calendar.data.carnival, corpusChristi: calendar.data.corpusChristi, timeZone: calendar.data.timeZone });
  }, [calendar.data]);
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const manager = user?.role === 'manager';
  return (
    <Page title={t.calendars.title}>
      <div className="filters">
        <Select label={t.calendars.id} value={id} onChange={setId} options={ids.map((c) => [c, c] as const)} />
        <Select label={t.calendars.year} value={String(year)} onChange={(y) => setYear(Number(y))} options={[year - 1, year, year + 1].map((y) => [String(y), String(y)] as const)} />
      </div>
      <ErrorBox error={calendar.error} />
      {calendar.isPending ? <Loading /> : calendar.data && (
        <div className="two-columns">
          <Card title={t.calendars.hours}>
            <ul>{Object.entries(calendar.data.weeklyHours).map(([day, windows]) => <li key={day}>{t.calendars.weekdays[Number(day)]}: {windows.map((w) => `${w.start}–${w.end}`).join(', ')}</li>)}</ul>
            {manager ? (
              <Form submit={t.calendars.saveOptions} done={t.actions.done} onSubmit={async () => { await patch(`/calendars/${id}/options`, options); await refresh(); }}>
                <TextField label={t.calendars.zone} value={options.timeZone} onChange={(v) => setOptions({ ...options, timeZone: v })} required />
                <Checkbox label={t.calendars.national} checked={options.brazilNationalHolidays} onChange={(v) => setOptions({ ...options, brazilNationalHolidays: v })} />
                <Checkbox label={t.calendars.carnival} checked={options.carnival} onChange={(v) => setOptions({ ...options, carnival: v })} />
                <Checkbox label={t.calendars.corpusChristi} checked={options.corpusChristi} onChange={(v) => setOptions({ ...options, corpusChristi: v })} />
              </Form>
            ) : <p>{t.calendars.zone}: {calendar.data.timeZone}</p>}
          </Card>
          <Card title={`${t.calendars.holidays} ${year}`}>
            <ul className="holidays">
              {(calendar.data.daysOff ?? []).map((day) => {
                const byHand = calendar.data!.holidays.some((h) => h.date === day.date);
                return (
                  <li key={day.date}>
                    {dateOnly(day.date)} — {day.name}
                    {manager && byHand && <button type="button" className="link" onClick={() => void del(`/calendars/${id}/holidays/${day.date}`).then(refresh)}>{t.calendars.remove}</button>}
                  </li>
                );
              })}
            </ul>
            {manager && (
              <Form submit={t.calendars.add} onSubmit={async () => { await post(`/calendars/${id}/holidays`, { date, name }); setName(''); await refresh(); }}>
                <TextField label={t.calendars.date} type="date" value={date} onChange={setDate} required />
                <TextField label={t.calendars.name} value={name} onChange={setName} required />
              </Form>
            )}
          </Card>
        </div>
      )}
    </Page>
  );
}

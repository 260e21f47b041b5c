import db from '@adonisjs/lucid/services/db'
import { WorkingCalendar, type CalendarDay } from '#trading/periods/working_calendar'

/**
 * The working calendar as the database holds it (calendar_years and
 * calendar_days, global tables), read in the caller's transaction.
 */
export async function loadWorkingCalendar(): Promise<WorkingCalendar> {
  const years = await db.from('calendar_years').select('year')
  const days = await db
    .from('calendar_days')
    .select(db.raw(`to_char(day, 'YYYY-MM-DD') as day`), 'kind', 'name')
  return new WorkingCalendar(new Set(years.map((row) => Number(row.year))), days as CalendarDay[])
}

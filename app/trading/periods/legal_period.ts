import { type LocalDate, addDays } from '#trading/periods/local_date'
import type { WorkingCalendar } from '#trading/periods/working_calendar'

/**
 * A legal minimum period (domain.md §0.2): counted in calendar days or in
 * working days, starting the day after the triggering event; where the rule
 * says so, a period ending on a rest day runs to the next working day.
 */
export interface LegalPeriod {
  /** Our rule code, e.g. 'construction.documents_to_deadline' */
  code: string
  days: number
  unit: 'calendar' | 'working'
  /** A calendar-day period ending on a rest day runs to the next working day */
  endsOnWorkingDay?: boolean
  /** e.g. { 'zh-CN': '《招标投标法》第二十四条', en: 'Bidding Law Art. 24' } */
  basis: { 'zh-CN': string; 'en': string }
}

/** The earliest date on which the period has run its full length */
export function earliestEnd(
  period: LegalPeriod,
  start: LocalDate,
  calendar: WorkingCalendar
): LocalDate {
  if (period.unit === 'working') return calendar.addWorkingDays(start, period.days)
  const end = addDays(start, period.days)
  return period.endsOnWorkingDay ? calendar.onOrNextWorkingDay(end) : end
}

export interface PeriodCheck {
  ok: boolean
  earliest: LocalDate
}

/** Whether an end date respects the period after `start` */
export function checkPeriod(
  period: LegalPeriod,
  start: LocalDate,
  proposedEnd: LocalDate,
  calendar: WorkingCalendar
): PeriodCheck {
  const earliest = earliestEnd(period, start, calendar)
  return { ok: proposedEnd >= earliest, earliest }
}

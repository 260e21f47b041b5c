import { type LocalDate, addDays, weekday, yearOf } from '#trading/periods/local_date'

/**
 * China's working-day calendar: Monday–Friday work and weekends rest, except
 * the State Council's holidays and make-up working days (调休), which are
 * data (calendar_days, maintained by the city admin). A year with no
 * published calendar is unknown: asking about it throws, it never guesses.
 */
export class CalendarMissingError extends Error {
  constructor(readonly year: number) {
    super(`The working-day calendar for ${year} has not been published`)
  }
}

export interface CalendarDay {
  day: LocalDate
  kind: 'holiday' | 'workday'
  name: string
}

export class WorkingCalendar {
  private readonly exceptions: Map<LocalDate, CalendarDay>

  constructor(
    private readonly years: ReadonlySet<number>,
    days: CalendarDay[]
  ) {
    this.exceptions = new Map(days.map((day) => [day.day, day]))
  }

  hasYear(year: number) {
    return this.years.has(year)
  }

  private assertKnown(date: LocalDate) {
    const year = yearOf(date)
    if (!this.years.has(year)) throw new CalendarMissingError(year)
  }

  isWorkingDay(date: LocalDate): boolean {
    this.assertKnown(date)
    const exception = this.exceptions.get(date)
    if (exception) return exception.kind === 'workday'
    const day = weekday(date)
    return day !== 0 && day !== 6
  }

  /** The date itself when it is a working day, else the next working day */
  onOrNextWorkingDay(date: LocalDate): LocalDate {
    let current = date
    while (!this.isWorkingDay(current)) current = addDays(current, 1)
    return current
  }

  /** The n-th working day after `date` (the start day is not counted) */
  addWorkingDays(date: LocalDate, count: number): LocalDate {
    let current = date
    let remaining = count
    while (remaining > 0) {
      current = addDays(current, 1)
      if (this.isWorkingDay(current)) remaining--
    }
    return current
  }
}

/**
 * A calendar date in China (Asia/Shanghai, no daylight saving), as
 * 'YYYY-MM-DD'. Legal periods count whole days, so day arithmetic is done
 * on dates, never on instants.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000
const SHAPE = /^\d{4}-\d{2}-\d{2}$/

export type LocalDate = string

function toEpochDay(date: LocalDate): number {
  if (!SHAPE.test(date)) throw new Error(`"${date}" is not a YYYY-MM-DD date`)
  const epoch = Date.parse(`${date}T00:00:00Z`)
  if (Number.isNaN(epoch) || new Date(epoch).toISOString().slice(0, 10) !== date) {
    throw new Error(`"${date}" is not a calendar date`)
  }
  return epoch / DAY_MS
}

function fromEpochDay(day: number): LocalDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days)
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from)
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(date: LocalDate): number {
  return new Date(toEpochDay(date) * DAY_MS).getUTCDay()
}

export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4))
}

/** The China date of an instant */
export function chinaDateOf(instant: Date): LocalDate {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

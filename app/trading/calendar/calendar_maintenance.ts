import db from '@adonisjs/lucid/services/db'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { RuleViolation } from '#core/rule_violation'
import { type LocalDate, weekday } from '#trading/periods/local_date'
import type { CalendarDay } from '#trading/periods/working_calendar'
import { FIRST_YEAR, LAST_YEAR, isCalendarDate } from '#trading/calendar/calendar_validator'

/**
 * The city admin's edits of the working-day calendar (domain.md §0.2). The
 * tables stay the one authority the period engine reads; each change commits
 * with its audit event in the request's transaction (city scope).
 */
export const DEFAULT_SOURCE = '国务院办公厅关于部分节假日安排的通知'

type DayKind = CalendarDay['kind']

/** A make-up working day only means something on a weekend */
function assertKindFits(date: LocalDate, kind: DayKind) {
  const day = weekday(date)
  if (kind === 'workday' && day !== 0 && day !== 6) {
    throw new RuleViolation('kind', 'trading.calendar.errors.workday_on_weekday', { date })
  }
}

function assertYear(year: number) {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new RuleViolation('year', 'trading.calendar.errors.year_out_of_range', {
      min: String(FIRST_YEAR),
      max: String(LAST_YEAR),
    })
  }
}

async function findDay(date: LocalDate): Promise<CalendarDay | null> {
  const row = await db
    .from('calendar_days')
    .where('day', date)
    .select(db.raw(`to_char(day, 'YYYY-MM-DD') as day`), 'kind', 'name')
    .first()
  return (row as CalendarDay | null) ?? null
}

async function findDayOrFail(date: LocalDate): Promise<CalendarDay> {
  const day = isCalendarDate(date) ? await findDay(date) : null
  if (!day) throw new RuleViolation('date', 'trading.calendar.errors.not_marked', { date }, 404)
  return day
}

export async function calendarYear(year: number) {
  assertYear(year)
  const published = await db
    .from('calendar_years')
    .where('year', year)
    .select('source', 'updated_at')
    .first()
  const days = await db
    .from('calendar_days')
    .whereBetween('day', [`${year}-01-01`, `${year}-12-31`])
    .orderBy('day')
    .select(db.raw(`to_char(day, 'YYYY-MM-DD') as day`), 'kind', 'name')
  const years = await db.from('calendar_years').orderBy('year').select('year')
  return {
    year,
    published: published
      ? { source: published.source as string, at: new Date(published.updated_at).toISOString() }
      : null,
    days: days as CalendarDay[],
    publishedYears: years.map((row) => Number(row.year)),
  }
}

export class CalendarMaintenance {
  constructor(private readonly actor: AuditActor) {}

  async addDay(input: CalendarDay) {
    assertKindFits(input.day, input.kind)
    const existing = await findDay(input.day)
    if (existing) {
      throw new RuleViolation(
        'date',
        'trading.calendar.errors.already_marked',
        { date: input.day, name: existing.name },
        409
      )
    }
    await db.table('calendar_days').insert({ day: input.day, kind: input.kind, name: input.name })
    await this.audit('calendar.day_add', input.day, { kind: input.kind, name: input.name })
  }

  async changeDay(date: LocalDate, change: Pick<CalendarDay, 'kind' | 'name'>) {
    const before = await findDayOrFail(date)
    assertKindFits(date, change.kind)
    await db
      .from('calendar_days')
      .where('day', date)
      .update({ kind: change.kind, name: change.name, updated_at: db.raw('now()') })
    await this.audit('calendar.day_change', date, {
      before: { kind: before.kind, name: before.name },
      after: change,
    })
  }

  async removeDay(date: LocalDate) {
    const before = await findDayOrFail(date)
    await db.from('calendar_days').where('day', date).delete()
    await this.audit('calendar.day_remove', date, { kind: before.kind, name: before.name })
  }

  async publishYear(year: number, source: string) {
    assertYear(year)
    const existing = await db.from('calendar_years').where('year', year).first()
    if (existing) {
      throw new RuleViolation(
        'year',
        'trading.calendar.errors.already_published',
        { year: String(year) },
        409
      )
    }
    await db.table('calendar_years').insert({ year, source })
    await this.audit('calendar.year_publish', year, { source, days: await this.dayCount(year) })
  }

  /**
   * Periods already computed into the year keep their dates; which open
   * trades relied on it is for the audit reader to follow up, so the event
   * records what was withdrawn.
   */
  async unpublishYear(year: number) {
    assertYear(year)
    const existing = await db.from('calendar_years').where('year', year).select('source').first()
    if (!existing) {
      throw new RuleViolation(
        'year',
        'trading.calendar.errors.not_published',
        { year: String(year) },
        409
      )
    }
    await db.from('calendar_years').where('year', year).delete()
    await this.audit('calendar.year_unpublish', year, {
      source: existing.source,
      days: await this.dayCount(year),
    })
  }

  private async dayCount(year: number) {
    const row = await db
      .from('calendar_days')
      .whereBetween('day', [`${year}-01-01`, `${year}-12-31`])
      .count('* as count')
      .first()
    return Number(row?.count ?? 0)
  }

  private audit(action: string, subjectId: string | number, payload: Record<string, unknown>) {
    return recordAudit(this.actor, {
      action,
      subjectType: 'calendar',
      subjectId: String(subjectId),
      payload,
    })
  }
}

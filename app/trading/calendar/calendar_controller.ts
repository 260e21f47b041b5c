import { subject } from '@casl/ability'
import type { HttpContext } from '@adonisjs/core/http'
import { authorize } from '#access/access_context'
import { requestActor } from '#audit/request_actor'
import { wantsJson } from '#core/api_errors'
import { clock } from '#core/clock'
import { chinaDateOf, yearOf } from '#trading/periods/local_date'
import {
  CalendarMaintenance,
  DEFAULT_SOURCE,
  calendarYear,
} from '#trading/calendar/calendar_maintenance'
import {
  addDayValidator,
  calendarYearValidator,
  changeDayValidator,
  publishYearValidator,
} from '#trading/calendar/calendar_validator'

const CALENDAR = subject('WorkingCalendar', {})

/** The city admin's working-day calendar, one year at a time */
export default class CalendarController {
  async show(ctx: HttpContext) {
    await authorize(ctx, 'manage', CALENDAR)
    const { year } = await calendarYearValidator.validate(ctx.request.qs(), {
      messagesProvider: ctx.i18n.createMessagesProvider('validator.calendar'),
    })
    const payload = await calendarYear(year ?? yearOf(chinaDateOf(await clock.now())))
    if (wantsJson(ctx)) return { data: payload }
    return ctx.inertia.render('trading/calendar', payload)
  }

  async addDay(ctx: HttpContext) {
    await authorize(ctx, 'manage', CALENDAR)
    const { date, kind, name } = await ctx.request.validateUsing(addDayValidator, {
      messagesProvider: ctx.i18n.createMessagesProvider('validator.calendar'),
    })
    await new CalendarMaintenance(requestActor(ctx)).addDay({ day: date, kind, name })
    return this.done(ctx, 'added', { day: date, kind, name }, 201)
  }

  async changeDay(ctx: HttpContext) {
    await authorize(ctx, 'manage', CALENDAR)
    const change = await ctx.request.validateUsing(changeDayValidator, {
      messagesProvider: ctx.i18n.createMessagesProvider('validator.calendar'),
    })
    await new CalendarMaintenance(requestActor(ctx)).changeDay(ctx.params.date, change)
    return this.done(ctx, 'changed', { day: ctx.params.date, ...change })
  }

  async removeDay(ctx: HttpContext) {
    await authorize(ctx, 'manage', CALENDAR)
    await new CalendarMaintenance(requestActor(ctx)).removeDay(ctx.params.date)
    return this.done(ctx, 'removed', { day: ctx.params.date })
  }

  async publishYear(ctx: HttpContext) {
    await authorize(ctx, 'manage', CALENDAR)
    const { source } = await ctx.request.validateUsing(publishYearValidator, {
      messagesProvider: ctx.i18n.createMessagesProvider('validator.calendar'),
    })
    const year = Number(ctx.params.year)
    await new CalendarMaintenance(requestActor(ctx)).publishYear(year, source ?? DEFAULT_SOURCE)
    return this.done(ctx, 'published', { year, published: true }, 201)
  }

  async unpublishYear(ctx: HttpContext) {
    await authorize(ctx, 'manage', CALENDAR)
    const year = Number(ctx.params.year)
    await new CalendarMaintenance(requestActor(ctx)).unpublishYear(year)
    return this.done(ctx, 'unpublished', { year, published: false })
  }

  private done(ctx: HttpContext, what: string, data: Record<string, unknown>, status = 200) {
    if (wantsJson(ctx)) return ctx.response.status(status).send({ data })
    // Strings, not numbers: a year is no quantity to print as "2,035"
    const values = Object.fromEntries(Object.entries(data).map(([key, v]) => [key, String(v)]))
    ctx.session.flash('success', ctx.i18n.t(`trading.calendar.done.${what}`, values))
    // Back to the year the admin was looking at (?year=…)
    return ctx.response.redirect().withQs().back()
  }
}

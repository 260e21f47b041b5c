import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'

/**
 * The calendar form. Its messages live under `validator.calendar` (not
 * `validator.shared`): `kind` and `name` mean other things on other forms.
 */
export const FIRST_YEAR = 2000
export const LAST_YEAR = 2100

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/

/** A real YYYY-MM-DD date (not 2033-02-30) within the years the table accepts */
export function isCalendarDate(value: string) {
  const epoch = DATE_SHAPE.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN
  const real = !Number.isNaN(epoch) && new Date(epoch).toISOString().startsWith(value)
  const year = Number(value.slice(0, 4))
  return real && year >= FIRST_YEAR && year <= LAST_YEAR
}

const calendarDate = vine.createRule((value: unknown, _: undefined, field: FieldContext) => {
  if (typeof value === 'string' && !isCalendarDate(value)) {
    field.report('', 'calendarDate', field, { min: String(FIRST_YEAR), max: String(LAST_YEAR) })
  }
})

const kind = vine.enum(['holiday', 'workday'] as const)
const name = vine.string().trim().minLength(1).maxLength(50)

export const addDayValidator = vine.create({
  date: vine.string().trim().use(calendarDate()),
  kind,
  name,
})

export const changeDayValidator = vine.create({ kind, name })

export const publishYearValidator = vine.create({
  source: vine.string().trim().minLength(1).maxLength(200).optional(),
})

/** The range is the year rule's, checked with the other year refusals */
export const calendarYearValidator = vine.create({
  year: vine.number().withoutDecimals().optional(),
})

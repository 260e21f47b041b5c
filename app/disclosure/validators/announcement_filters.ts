import vine from '@vinejs/vine'
import { ANNOUNCEMENT_KINDS } from '#disclosure/kinds'

export const ANNOUNCEMENT_PAGE_SIZE = 20

/** A keyset position: the publication instant in microseconds since the epoch, and the id */
export const CURSOR = /^[0-9]{1,17}\.[0-9]{1,18}$/

/** The portal's and the public API's filters, search and cursor, from the query string */
export const announcementFiltersValidator = vine.create({
  tenant: vine
    .string()
    .trim()
    .regex(/^[0-9]{6}$/)
    .optional(),
  category: vine
    .string()
    .trim()
    .regex(/^[a-z][a-z_]{0,39}$/)
    .optional(),
  kind: vine.enum(ANNOUNCEMENT_KINDS).optional(),
  q: vine.string().trim().maxLength(100).optional(),
  from: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
  to: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
  cursor: vine.string().regex(CURSOR).optional(),
  limit: vine.number().withoutDecimals().range([1, 100]).optional(),
})

/** The OCDS change feed: newest first, from `since` on */
export const releaseFeedValidator = vine.create({
  since: vine
    .string()
    .regex(
      /^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}:[0-9]{2}))?$/
    )
    .optional(),
  cursor: vine.string().regex(CURSOR).optional(),
  limit: vine.number().withoutDecimals().range([1, 100]).optional(),
})

export const ocidValidator = vine.create({
  ocid: vine.string().regex(/^ocds-[a-z0-9]{1,20}-[0-9]{6}-[at][0-9]{1,18}$/),
})

import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import type Tenant from '#tenancy/models/tenant'
import { ANNOUNCEMENT_KINDS } from '#disclosure/kinds'
import { announcementPage } from '#disclosure/queries/announcements'
import { asPublicReader } from '#disclosure/public_read'
import { announcementTransformer } from '#disclosure/transformers/announcement_transformer'
import { announcementFiltersValidator } from '#disclosure/validators/announcement_filters'

/** An empty field of a plain GET form means "any" */
export function setFilters(query: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''))
}

/**
 * The announcement list of a portal page (`/` city-wide, `/t/:code` one
 * tenant). A page cannot answer 422: filters that do not validate are
 * ignored and their messages shown next to the unfiltered list.
 */
export async function portalListing(ctx: HttpContext, tenant?: Tenant) {
  const query = setFilters(ctx.request.qs())
  let filters = {}
  let filterErrors: Array<{ field: string; message: string }> = []
  try {
    filters = await announcementFiltersValidator.validate(query, {
      messagesProvider: ctx.i18n.createMessagesProvider(),
    })
  } catch (error) {
    if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
    filterErrors = error.messages.map((m: { field: string; message: string }) => ({
      field: m.field,
      message: m.message,
    }))
  }
  const { rows, nextCursor } = await asPublicReader(() =>
    announcementPage(filters, { tenantId: tenant?.id })
  )
  return {
    announcements: await announcementTransformer.forList(rows, ctx.i18n.locale),
    nextCursor,
    filters: query,
    filterErrors,
    kinds: ANNOUNCEMENT_KINDS,
  }
}

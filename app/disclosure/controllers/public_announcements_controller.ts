import type { HttpContext } from '@adonisjs/core/http'
import { announcementOf, announcementPage } from '#disclosure/queries/announcements'
import { announcementTransformer } from '#disclosure/transformers/announcement_transformer'
import { announcementFiltersValidator } from '#disclosure/validators/announcement_filters'
import { setFilters } from '#disclosure/portal_listing'
import { asPublicReader } from '#disclosure/public_read'

/**
 * Published announcements, public by law: no login. The JSON list is
 * city-wide with the same filters as the portal; detail pages live under
 * their tenant, and another tenant's id there is a 404.
 */
export default class PublicAnnouncementsController {
  async index(ctx: HttpContext) {
    const filters = await ctx.request.validateUsing(announcementFiltersValidator, {
      data: setFilters(ctx.request.qs()),
    })
    const { rows, nextCursor } = await announcementPage(filters)
    return {
      data: await announcementTransformer.forList(rows, ctx.i18n.locale),
      meta: { nextCursor },
    }
  }

  async show(ctx: HttpContext) {
    const row = await asPublicReader(() => announcementOf(ctx.tenant!.id, Number(ctx.params.id)))
    return ctx.inertia.render('disclosure/show', {
      announcement: await announcementTransformer.forDetail(row, ctx.i18n.locale),
    })
  }
}

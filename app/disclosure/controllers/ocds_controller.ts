import { DateTime } from 'luxon'
import type { HttpContext } from '@adonisjs/core/http'
import { appUrl } from '#config/app'
import { apiErrors } from '#core/api_errors'
import { compileReleases, OCDS_VERSION } from '#disclosure/ocds/releases'
import { releaseFeed, releasesOf } from '#disclosure/queries/ocds_releases'
import { ocidValidator, releaseFeedValidator } from '#disclosure/validators/announcement_filters'
import { setFilters } from '#disclosure/portal_listing'

/**
 * OCDS 1.1.5 open data: release packages of the change feed, newest first,
 * and one record package per contracting process.
 */
const PAGE_SIZE = 50

function publisher() {
  return { name: '重庆市公共资源交易平台', uri: appUrl }
}

function packageUri(ctx: HttpContext) {
  return new URL(ctx.request.url(true), appUrl).toString()
}

export default class OcdsController {
  async releases(ctx: HttpContext) {
    const filters = await ctx.request.validateUsing(releaseFeedValidator, {
      data: setFilters(ctx.request.qs()),
    })
    // A time without an offset, or a bare date, is Chongqing time
    const parsed = filters.since ? DateTime.fromISO(filters.since, { zone: 'Asia/Shanghai' }) : null
    if (parsed && !parsed.isValid) {
      return apiErrors(ctx, 422, [
        { field: 'since', message: ctx.i18n.t('disclosure.errors.since'), rule: 'date' },
      ])
    }
    const limit = filters.limit ?? PAGE_SIZE
    const { releases, nextCursor } = await releaseFeed({
      since: parsed?.toJSDate(),
      cursor: filters.cursor,
      limit,
    })
    const next = new URL('/api/ocds/releases', appUrl)
    if (nextCursor) {
      for (const [key, value] of Object.entries(setFilters(ctx.request.qs()))) {
        next.searchParams.set(key, String(value))
      }
      next.searchParams.set('cursor', nextCursor)
    }
    return {
      uri: packageUri(ctx),
      version: OCDS_VERSION,
      publishedDate: new Date().toISOString(),
      publisher: publisher(),
      releases,
      ...(nextCursor && { links: { next: next.toString() } }),
    }
  }

  async record(ctx: HttpContext) {
    const { ocid } = await ctx.request.validateUsing(ocidValidator, {
      data: { ocid: ctx.params.ocid },
    })
    const releases = await releasesOf(ocid)
    if (!releases.length) {
      return apiErrors(ctx, 404, [{ field: '', message: ctx.i18n.t('errors.not_found') }])
    }
    return {
      uri: packageUri(ctx),
      version: OCDS_VERSION,
      publishedDate: new Date().toISOString(),
      publisher: publisher(),
      records: [{ ocid, releases, compiledRelease: compileReleases(releases) }],
    }
  }
}

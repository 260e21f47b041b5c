import db from '@adonisjs/lucid/services/db'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import type { Release } from '#disclosure/ocds/releases'
import { CURSOR_INSTANT, cursorOf, parseCursor } from '#disclosure/queries/announcements'

/** The OCDS change feed and records, read like the announcements they come from */
const PUBLISHED_US = `(extract(epoch from r.published_at) * 1000000)::bigint::text as published_us`

export async function releaseFeed(options: { since?: Date; cursor?: string; limit: number }) {
  const scope = currentScopeOrFail()
  const query = db
    .from('ocds_releases as r')
    .where('r.root_tenant_id', scope.rootTenantId!)
    .select('r.id', 'r.release', db.raw(PUBLISHED_US))
    .orderBy([
      { column: 'r.published_at', order: 'desc' },
      { column: 'r.id', order: 'desc' },
    ])
    .limit(options.limit + 1)
  if (options.since) query.where('r.published_at', '>=', options.since.toISOString())
  if (options.cursor) {
    const { micros, id } = parseCursor(options.cursor)
    query.whereRaw(`(r.published_at, r.id) < (${CURSOR_INSTANT}, ?::bigint)`, [micros, id])
  }
  const rows: Array<{ id: string; release: Release; published_us: string }> = await query
  const more = rows.length > options.limit
  const page = rows.slice(0, options.limit)
  return {
    releases: page.map((row) => row.release),
    nextCursor: more ? cursorOf(page[page.length - 1]) : null,
  }
}

/** Every release of one contracting process, in publication order */
export async function releasesOf(ocid: string): Promise<Release[]> {
  const scope = currentScopeOrFail()
  const rows: Array<{ release: Release }> = await db
    .from('ocds_releases')
    .where('root_tenant_id', scope.rootTenantId!)
    .where('ocid', ocid)
    .orderBy([{ column: 'published_at' }, { column: 'id' }])
    .select('release')
  return rows.map((row) => row.release)
}

import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { Infer } from '@vinejs/vine/types'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import { tenantDirectory } from '#tenancy/tenant_directory'
import { keywordQuery } from '#disclosure/search_terms'
import {
  ANNOUNCEMENT_PAGE_SIZE,
  type announcementFiltersValidator,
} from '#disclosure/validators/announcement_filters'
import type { AnnouncementKind } from '#disclosure/kinds'

/**
 * Read paths of the public announcements, newest first with a keyset cursor
 * on (published_at, id). Requests without a login read in the global scope,
 * whose policy shows every published row; the explicit root and tenant
 * filters keep the plans on the feed indexes in every scope.
 */
export type AnnouncementFilters = Infer<typeof announcementFiltersValidator>

export interface AnnouncementRow {
  id: number
  tenant_id: number
  kind: AnnouncementKind
  category: string
  title: string
  body?: string
  trade_id: number | null
  ocid: string
  published_at: Date
  published_us: string
}

const DAY_START = `(?::date)::timestamp at time zone 'Asia/Shanghai'`
/** Exact to the microsecond: a Date would round ties off the keyset */
export const PUBLISHED_US = `(extract(epoch from a.published_at) * 1000000)::bigint`
export const CURSOR_INSTANT = `timestamptz 'epoch' + ?::bigint * interval '1 microsecond'`

export function cursorOf(row: { published_us: string; id: number | string }) {
  return `${row.published_us}.${row.id}`
}

export function parseCursor(cursor: string) {
  const [micros, id] = cursor.split('.')
  return { micros, id }
}

function calendarDay(date: Date) {
  return DateTime.fromJSDate(date).toISODate()!
}

const LIST_COLUMNS = [
  'a.id',
  'a.tenant_id',
  'a.kind',
  'a.category',
  'a.title',
  'a.trade_id',
  'a.ocid',
  'a.published_at',
]

/**
 * Adds the keyword search: the GIN index finds the candidates by their
 * character pairs, the exact recheck keeps those that contain every term.
 */
export function whereKeywords(query: ReturnType<typeof db.from>, keywords: string) {
  const parsed = keywordQuery(keywords)
  if (!parsed) return
  query.whereRaw('a.search_vector @@ ?::tsquery', [parsed.tsquery])
  for (const term of parsed.terms) {
    query.whereRaw(`strpos(lower(normalize(a.title || E'\\n' || a.body, NFKC)), ?) > 0`, [term])
  }
}

export async function announcementPage(
  filters: AnnouncementFilters,
  options: { tenantId?: number } = {}
) {
  const scope = currentScopeOrFail()
  const limit = filters.limit ?? ANNOUNCEMENT_PAGE_SIZE
  let tenantId = options.tenantId
  if (tenantId === undefined && filters.tenant) {
    const tenant = await tenantDirectory.findByCode(filters.tenant)
    if (!tenant) return { rows: [] as AnnouncementRow[], nextCursor: null }
    tenantId = tenant.id
  }
  const query = db
    .from('announcements as a')
    .where('a.root_tenant_id', scope.rootTenantId!)
    .select(...LIST_COLUMNS, db.raw(`${PUBLISHED_US}::text as published_us`))
    .orderBy([
      { column: 'a.published_at', order: 'desc' },
      { column: 'a.id', order: 'desc' },
    ])
    .limit(limit + 1)
  if (tenantId !== undefined) query.where('a.tenant_id', tenantId)
  if (filters.kind) query.where('a.kind', filters.kind)
  if (filters.category) query.where('a.category', filters.category)
  if (filters.from) query.whereRaw(`a.published_at >= ${DAY_START}`, [calendarDay(filters.from)])
  if (filters.to) {
    query.whereRaw(`a.published_at < ${DAY_START} + interval '1 day'`, [calendarDay(filters.to)])
  }
  if (filters.q) whereKeywords(query, filters.q)
  if (filters.cursor) {
    const { micros, id } = parseCursor(filters.cursor)
    query.whereRaw(`(a.published_at, a.id) < (${CURSOR_INSTANT}, ?::bigint)`, [micros, id])
  }
  const rows: AnnouncementRow[] = await query
  const more = rows.length > limit
  const page = rows.slice(0, limit)
  return { rows: page, nextCursor: more ? cursorOf(page[page.length - 1]) : null }
}

/** One announcement of a tenant; another tenant's id is not found */
export async function announcementOf(tenantId: number, id: number) {
  const scope = currentScopeOrFail()
  const row: AnnouncementRow = await db
    .from('announcements as a')
    .where('a.root_tenant_id', scope.rootTenantId!)
    .where('a.tenant_id', tenantId)
    .where('a.id', id)
    .select(...LIST_COLUMNS, 'a.body', db.raw(`${PUBLISHED_US}::text as published_us`))
    .firstOrFail()
  return row
}

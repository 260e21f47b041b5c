import env from '#start/env'
import type { AnnouncementKind } from '#disclosure/kinds'

/**
 * OCDS 1.1.5 (peers.md §2): each publication is one release of the trade's
 * contracting process; a record compiles a process's releases in order.
 */
export const OCDS_VERSION = '1.1'
const PREFIX = /^ocds-[a-z0-9]{1,20}$/

export function ocidPrefix() {
  const prefix = env.get('OCDS_PREFIX') ?? 'ocds-ggzy'
  if (!PREFIX.test(prefix)) throw new Error(`OCDS_PREFIX "${prefix}" is not of the form ocds-xxxx`)
  return prefix
}

/** One contracting process per trade; an announcement without a trade is its own */
export function ocidFor(
  tenantCode: string,
  ref: { tradeId: number | null; announcementId: number }
) {
  const local = ref.tradeId === null ? `a${ref.announcementId}` : `t${ref.tradeId}`
  return `${ocidPrefix()}-${tenantCode}-${local}`
}

const TAGS: Record<AnnouncementKind, string> = {
  trade_notice: 'tender',
  qualification: 'tenderUpdate',
  deal: 'award',
  performance: 'implementation',
  change: 'tenderUpdate',
}

const DOCUMENT_TYPES: Record<AnnouncementKind, string> = {
  trade_notice: 'tenderNotice',
  qualification: 'evaluationReports',
  deal: 'awardNotice',
  performance: 'physicalProgressReport',
  change: 'clarifications',
}

/** Categories of the platform mapped to the closed procurementCategory codelist */
const PROCUREMENT_CATEGORIES: Record<string, string> = {
  construction: 'works',
  goods: 'goods',
  services: 'services',
}

export interface ReleaseSource {
  ocid: string
  announcementId: number
  tradeId: number | null
  kind: AnnouncementKind
  category: string
  title: string
  body: string
  publishedAt: Date
  url: string
}

export type Release = Record<string, any> & { ocid: string; id: string; date: string }

export function buildRelease(source: ReleaseSource): Release {
  const date = source.publishedAt.toISOString()
  const processId = String(source.tradeId ?? `a${source.announcementId}`)
  const document = {
    id: `announcement-${source.announcementId}`,
    documentType: DOCUMENT_TYPES[source.kind],
    title: source.title,
    description: source.body || undefined,
    url: source.url,
    datePublished: date,
    format: 'text/html',
    language: 'zh',
  }
  const release: Release = {
    ocid: source.ocid,
    id: `${source.ocid}-${source.announcementId}`,
    date,
    tag: [TAGS[source.kind]],
    initiationType: 'tender',
    language: 'zh',
  }
  if (source.kind === 'deal') {
    release.awards = [
      { id: `award-${processId}`, title: source.title, date, documents: [document] },
    ]
  } else if (source.kind === 'performance') {
    release.contracts = [
      {
        id: `contract-${processId}`,
        awardID: `award-${processId}`,
        implementation: { documents: [document] },
      },
    ]
  } else {
    release.tender = {
      id: processId,
      documents: [document],
      ...(source.kind === 'trade_notice' && {
        title: source.title,
        status: 'active',
        mainProcurementCategory: PROCUREMENT_CATEGORIES[source.category],
      }),
    }
  }
  return JSON.parse(JSON.stringify(release))
}

const OMIT_WHEN_MERGED = new Set(['tag', 'id', 'date'])

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isIdentifiedArray(value: unknown): value is Array<Record<string, any>> {
  return Array.isArray(value) && value.every((item) => isObject(item) && 'id' in item)
}

/** OCDS merge: objects field by field, arrays of objects with ids item by id, the rest replaced */
function merge(target: any, update: any): any {
  if (isObject(target) && isObject(update)) {
    const merged: Record<string, any> = { ...target }
    for (const [key, value] of Object.entries(update)) {
      merged[key] = key in target ? merge(target[key], value) : value
    }
    return merged
  }
  if (isIdentifiedArray(target) && isIdentifiedArray(update)) {
    const merged = [...target]
    for (const item of update) {
      const index = merged.findIndex((existing) => existing.id === item.id)
      if (index === -1) merged.push(item)
      else merged[index] = merge(merged[index], item)
    }
    return merged
  }
  return update
}

/** The compiled release of a process, from its releases in publication order */
export function compileReleases(releases: Release[]): Release {
  let compiled: Record<string, any> = {}
  for (const release of releases) {
    const fields = Object.fromEntries(
      Object.entries(release).filter(([key]) => !OMIT_WHEN_MERGED.has(key))
    )
    compiled = merge(compiled, fields)
  }
  const last = releases[releases.length - 1]
  return {
    ...compiled,
    ocid: last.ocid,
    id: `${last.id}-compiled`,
    date: last.date,
    tag: ['compiled'],
  } as Release
}

import { createHash } from 'node:crypto'
import type { ExpertSnapshot, PoolSnapshot } from './types.js'

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

/**
 * JSON with object keys sorted (by UTF-16 code units) at every depth, so the
 * same data always hashes the same whichever order the database returned its
 * columns in.
 */
export function canonicalJson(value: unknown): string {
  try {
    return JSON.stringify(value, sortedKeys)
  } catch (error) {
    if (error !== INDEX_KEYS) throw error
    return walk(value)
  }
}

const INDEX_KEYS = new Error('integer-like object keys')
const INDEX_LIKE = /^(?:0|[1-9][0-9]*)$/

/**
 * The native serializer is three times faster than a walk (a city pool is a
 * hundred thousand experts), and it keeps the order of the copy's keys,
 * except for integer-like keys, which engines always put first in numeric
 * order: objects with those take the slow walk.
 */
function sortedKeys(_key: string, value: unknown) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  const record = value as Record<string, unknown>
  const sorted: Record<string, unknown> = {}
  for (const key of Object.keys(record).sort()) {
    if (INDEX_LIKE.test(key)) throw INDEX_KEYS
    sorted[key] = record[key]
  }
  return sorted
}

function walk(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? 'null' : walk(item))).join(',')}]`
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>
    const entries = Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${walk(record[key])}`)
    return `{${entries.join(',')}}`
  }
  return JSON.stringify(value)
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function sortedUnique(values: string[]): string[] {
  return [...new Set(values)].sort(byCodeUnits)
}

/**
 * Keeps only the fields a rule reads and fixes every order. Selection walks
 * the experts in this order, so it is part of what makes a draw repeatable;
 * `localeCompare` is avoided because its order depends on the ICU build.
 */
export function canonicalSnapshot(snapshot: PoolSnapshot): PoolSnapshot {
  const experts: ExpertSnapshot[] = snapshot.experts.map((expert) => ({
    id: expert.id,
    personKey: expert.personKey,
    employerUscc: expert.employerUscc,
    relations: [...new Map(expert.relations.map((r) => [`${r.kind}:${r.uscc}`, r])).values()]
      .map((r) => ({ kind: r.kind, uscc: r.uscc }))
      .sort((a, b) => byCodeUnits(a.kind, b.kind) || byCodeUnits(a.uscc, b.uscc)),
    specialties: sortedUnique(expert.specialties),
    regions: sortedUnique(expert.regions),
    status: expert.status,
    statusUntil: expert.statusUntil,
    busyDates: sortedUnique(expert.busyDates),
    recentDraws: { ...expert.recentDraws },
  }))
  experts.sort((a, b) => byCodeUnits(a.id, b.id))
  for (let i = 1; i < experts.length; i++) {
    if (experts[i].id === experts[i - 1].id) {
      throw new Error(`The snapshot lists expert ${experts[i].id} twice`)
    }
  }
  return { experts }
}

export function snapshotHash(snapshot: PoolSnapshot): string {
  return sha256Hex(canonicalJson(canonicalSnapshot(snapshot)))
}

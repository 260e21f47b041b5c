import { createHash } from 'node:crypto'
import type { ExpertSnapshot, PoolSnapshot } from './types.js'

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

/**
 * JSON with object keys sorted at every depth, so the same data always
 * hashes the same whichever order the database returned its columns in.
 */
export function canonicalJson(value: unknown): string {
  // Plain loops: a city pool is a hundred thousand experts, hashed per draw
  if (Array.isArray(value)) {
    let out = '['
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i])
    return `${out}]`
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>
    const keys = Object.keys(record).sort()
    let out = '{'
    for (const key of keys) {
      if (record[key] === undefined) continue
      out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(record[key])}`
    }
    return `${out}}`
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

import { createHmac } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { currentScopeOrFail, switchScope } from '#tenancy/tenant_context'
import { codesToTry } from '../draw/draw.js'
import type { ExpertSnapshot, Fallback, IsoDate, PoolSnapshot } from '../draw/types.js'

/**
 * The person key of the published snapshot: HMAC-SHA256 of the ID number
 * under a key derived from the platform secret. The snapshot is published
 * with the draw record so anyone can re-run the draw, and a plain sha256 of
 * an ID number would not hide it: 6 region digits, a birth date and a
 * 3-digit serial are a few billion guesses. The keyed digest still lets the
 * platform match the same person across records (supervising staff).
 */
let derivedKey: Buffer | undefined

export function personKeySecret(): Buffer {
  derivedKey ??= createHmac('sha256', env.get('APP_KEY').release())
    .update('expert-pool:person-key')
    .digest()
  return derivedKey
}

/**
 * HMAC's two padded keys (RFC 2104), so the database computes the digests
 * with its built-in sha256 while it reads the pool: a city's pool is a
 * hundred thousand experts, and one Hmac object each costs more than the
 * whole query. HMAC(K, m) = sha256((K ⊕ opad) ‖ sha256((K ⊕ ipad) ‖ m)).
 */
function hmacPads() {
  const key = personKeySecret()
  const inner = Buffer.alloc(64, 0x36)
  const outer = Buffer.alloc(64, 0x5c)
  for (const [i, byte] of key.entries()) {
    inner[i] ^= byte
    outer[i] ^= byte
  }
  return { inner, outer }
}

/** Every prefix a line may draw under, so the snapshot holds all candidates and no more */
function prefixesOf(codes: string[], fallback: Fallback): string[] {
  return [...new Set(codes.flatMap((code) => codesToTry(code, fallback)))]
}

interface PoolRow {
  id: string
  personKey: string
  employerUscc: string
  relatives: string[]
  shareholdings: string[]
  specialties: string[]
  regions: string[]
  status: ExpertSnapshot['status']
  statusUntil: string | null
  busyDates: string[]
}

/**
 * How often each expert already sat for this tenderer in the 12 months up to
 * the evaluation date: seats invited or confirmed (not declined, not unused
 * reserves) in draws of any district. Draws are tenant rows, so the count
 * reads in the city scope for its one statement and restores the request's
 * scope: a tenderer with projects in two districts is one tenderer.
 */
async function recentDrawCounts(
  tendererUscc: string,
  evaluationDate: IsoDate
): Promise<Map<string, number>> {
  const previous = currentScopeOrFail()
  const root = previous.rootTenantId!
  await switchScope({ scope: 'city', tenantId: root, rootTenantId: root })
  try {
    const rows = await db
      .from('expert_draw_seats as s')
      .join('expert_draws as d', (join) =>
        join.on('d.root_tenant_id', 's.root_tenant_id').andOn('d.id', 's.draw_id')
      )
      .where('d.tenderer_uscc', tendererUscc)
      .whereRaw(`d.evaluation_date > ?::date - interval '12 months'`, [evaluationDate])
      .where('d.evaluation_date', '<=', evaluationDate)
      .whereIn('s.status', ['invited', 'confirmed'])
      .groupBy('s.expert_id')
      .select('s.expert_id')
      .count('* as total')
    return new Map(rows.map((row: any) => [String(row.expert_id), Number(row.total)]))
  } finally {
    await switchScope(previous)
  }
}

/**
 * The pool as the draw sees it on the evaluation date: every expert tagged
 * under a code the lines may use (with their fallback), whatever their
 * status, so the published exclusions explain why someone was left out.
 * Names, mobiles and ID numbers stay out of it.
 */
export async function buildPoolSnapshot(input: {
  codes: string[]
  fallback: Fallback
  tendererUscc: string
  evaluationDate: IsoDate
}): Promise<PoolSnapshot> {
  const prefixes = prefixesOf(input.codes, input.fallback).map((code) => `${code}%`)
  // One JSON value for the whole pool: a hundred thousand rows of arrays
  // parse far faster as one document than as driver rows. JSON renders dates
  // as YYYY-MM-DD whatever the session's DateStyle.
  const { inner, outer } = hmacPads()
  const { rows: result } = await db.rawQuery(
    `select coalesce(json_agg(json_build_object(
        'id', id::text,
        'personKey', encode(sha256(?::bytea || sha256(?::bytea || convert_to(id_number, 'UTF8'))), 'hex'),
        'employerUscc', employer_uscc,
        'relatives', relative_employer_usccs, 'shareholdings', shareholding_usccs,
        'specialties', specialty_codes, 'regions', region_codes, 'status', status,
        'statusUntil', status_until, 'busyDates', busy_dates) order by id), '[]') as pool
     from experts
     where specialty_codes && array(
       select code from expert_specialties where code like any (?::text[]))`,
    [outer, inner, prefixes]
  )
  const rows: PoolRow[] = result[0].pool
  const counts = await recentDrawCounts(input.tendererUscc, input.evaluationDate)
  return {
    experts: rows.map((row) => {
      const served = counts.get(String(row.id))
      return {
        id: String(row.id),
        personKey: row.personKey,
        employerUscc: row.employerUscc,
        relations: [
          ...row.relatives.map((uscc) => ({ kind: 'relative_employer' as const, uscc })),
          ...row.shareholdings.map((uscc) => ({ kind: 'shareholding' as const, uscc })),
        ],
        specialties: row.specialties,
        regions: row.regions,
        status: row.status,
        statusUntil: row.statusUntil,
        busyDates: row.busyDates,
        recentDraws: served ? { [input.tendererUscc]: served } : {},
      }
    }),
  }
}

/**
 * Staff of the supervising department are named by the department's USCC:
 * the experts employed there become the lot's supervisor keys, so the pure
 * rule `supervising_staff` excludes them and the record says why.
 */
export function supervisingStaffKeys(snapshot: PoolSnapshot, departmentUsccs: string[]): string[] {
  const departments = new Set(departmentUsccs)
  return [
    ...new Set(
      snapshot.experts
        .filter((expert) => departments.has(expert.employerUscc))
        .map((expert) => expert.personKey)
    ),
  ].sort()
}

import pg from 'pg'
import env from '#start/env'
import { databaseSettings } from '#core/database_settings'
import { UNBOUND_GLOBAL_SCOPE, withTenant } from '#tenancy/tenant_context'
import { tenantDirectory } from '#tenancy/tenant_directory'
import { canonicalSnapshot, snapshotHash } from '../plugins/expert-pool/app/draw/canonical.js'
import { drawFromSnapshot, newSeed } from '../plugins/expert-pool/app/draw/draw.js'
import type { DrawRequest } from '../plugins/expert-pool/app/draw/types.js'
import { buildPoolSnapshot } from '../plugins/expert-pool/app/draws/pool_snapshot.js'
import { alternate, median, round } from './support/stats.js'
import { type BenchRow, defineScenario } from './support/scenario.js'

/**
 * Expert draw (issue 5): one verifiable draw with avoidance from N experts
 * (BENCH_EXPERTS_N, default 100,000) under one specialty: the pool snapshot
 * read from the tables (with the 12-month counts and keyed person digests),
 * canonicalised and hashed, then the seeded draw applying every avoidance
 * rule. The baseline is what a bare random draw costs: a SQL sample of the
 * same size, `ORDER BY random() LIMIT k`, over the rows the simple filters
 * (status, busy day, employer) leave eligible.
 */
const LEAF = 'C999901'
const MARK = 'bench-expert'
const SEATS = 7
const RESERVES = 2
const ROUNDS = 6
const DATE = '2031-06-02'
const TENDERER = 'B00000000000000001'
const BIDDERS = ['B00000000000000002', 'B00000000000000003', 'B00000000000000004']
const VARIANTS = ['baseline', 'app'] as const
type Variant = (typeof VARIANTS)[number]

async function asAdmin<T>(fn: (client: pg.Client) => Promise<T>) {
  const settings = databaseSettings(env)
  const client = new pg.Client({ ...settings.admin, database: settings.app.database })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** Experts made in SQL (seeding is not measured): a few suspended, blacklisted, busy, conflicted */
async function seed(client: pg.Client, rows: number) {
  await client.query(
    `insert into expert_specialties (code, parent_code, name_zh, name_en)
     values ('C99', 'C', '压测', 'Bench'), ('C9999', 'C99', '压测', 'Bench'),
            ('C999901', 'C9999', '压测', 'Bench')
     on conflict (code) do nothing`
  )
  await client.query(
    `insert into experts (name, id_number, mobile, employer_uscc, title, title_level,
       years_in_field, specialty_codes, region_codes, busy_dates, relative_employer_usccs,
       status, status_until, status_reason)
     select '压测专家' || g, '98' || lpad(g::text, 15, '0') || '0', '13900000000',
       'B' || lpad((5 + g % 5000)::text, 17, '0'), $1, 'deputy_senior', 10, array[$2],
       array['500101'],
       case when g % 37 = 0 then array[$3::date] else '{}'::date[] end,
       case when g % 101 = 0 then array[$4] else '{}'::text[] end,
       case when g % 50 = 0 then 'suspended' when g % 97 = 0 then 'blacklisted' else 'active' end,
       case when g % 50 = 0 then '2031-12-31'::date end,
       case when g % 97 = 0 and g % 50 <> 0 then 'bench' end
     from generate_series(1, $5::int) g`,
    [MARK, LEAF, DATE, BIDDERS[0], rows]
  )
  await client.query('analyze experts')
}

const RAW_SQL = `select id from experts
  where specialty_codes && array[$1]::text[] and status = 'active'
    and not (busy_dates @> array[$2::date]) and employer_uscc <> all($3::text[])
  order by random() limit $4`

export default defineScenario({
  name: 'expert_draw',
  description:
    'Expert draw with avoidance from a pool of 100,000 experts (BENCH_EXPERTS_N; snapshot, hash, seeded draw) ' +
    'vs a bare SQL random sample of the same size, median',
  async run({ log }) {
    const rows = Number(process.env.BENCH_EXPERTS_N ?? 100_000)
    if (!Number.isSafeInteger(rows) || rows < 1000)
      throw new Error('BENCH_EXPERTS_N must be ≥ 1000')
    const root = await withTenant(UNBOUND_GLOBAL_SCOPE, () => tenantDirectory.root())
    const scope = { scope: 'tenant' as const, tenantId: root.id, rootTenantId: root.id }
    const samples: Record<Variant, number[]> = { baseline: [], app: [] }
    let poolSize = 0
    let excluded = 0

    await asAdmin(async (admin) => {
      try {
        log(`seeding ${rows} experts`)
        await seed(admin, rows)
        const once = async (variant: Variant) => {
          const started = performance.now()
          if (variant === 'app') {
            await withTenant(scope, async () => {
              const snapshot = canonicalSnapshot(
                await buildPoolSnapshot({
                  codes: [LEAF],
                  fallback: 'none',
                  tendererUscc: TENDERER,
                  evaluationDate: DATE,
                })
              )
              snapshotHash(snapshot)
              const request: DrawRequest = {
                lines: [{ code: LEAF, count: SEATS }],
                reservePerLine: RESERVES,
                regions: ['500101'],
                excludedIds: [],
                drawDate: DATE,
                lot: { tendererUscc: TENDERER, bidderUsccs: BIDDERS, supervisorKeys: [] },
                maxDrawsPerTenderer: 3,
                fallback: 'none',
              }
              const result = drawFromSnapshot(newSeed().seed, snapshot, request)
              poolSize = snapshot.experts.length
              excluded = result.exclusions.length
            })
          } else {
            await admin.query(RAW_SQL, [LEAF, DATE, [TENDERER, ...BIDDERS], SEATS + RESERVES])
          }
          samples[variant].push(performance.now() - started)
        }
        for (const variant of VARIANTS) await once(variant)
        samples.baseline.length = 0
        samples.app.length = 0
        await alternate(VARIANTS, ROUNDS, once)
      } finally {
        await admin.query('delete from experts where title = $1', [MARK])
      }
    })

    const baseline = median(samples.baseline)
    const subject = median(samples.app)
    const result: BenchRow[] = [
      {
        metric: 'draw of 9 (ms, median)',
        baseline: round(baseline),
        subject: round(subject),
        ratio: round(subject / baseline, 2),
      },
    ]
    log(`pool ${poolSize}, excluded ${excluded}`)
    return { rows: result, details: { experts: rows, poolSize, excluded, draws: ROUNDS } }
  },
})

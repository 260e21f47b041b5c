import pg from 'pg'
import env from '#start/env'
import { databaseSettings } from '#core/database_settings'
import { UNBOUND_GLOBAL_SCOPE, withTenant } from '#tenancy/tenant_context'
import { globalScope, tenantDirectory } from '#tenancy/tenant_directory'
import { announcementPage } from '#disclosure/queries/announcements'
import { announcementTransformer } from '#disclosure/transformers/announcement_transformer'
import { keywordQuery } from '#disclosure/search_terms'
import { alternate, percentile, round } from './support/stats.js'
import { type BenchRow, defineScenario } from './support/scenario.js'

/**
 * S4, portal search (quality.md C.3): a two-character keyword with region,
 * category and date filters, 20 rows, newest first, over N announcements
 * (BENCH_PORTAL_N, default 1,000,000). The subject is the app's read path
 * (the request's global-scope transaction, the query builder, the
 * transformer); the baseline is the same indexed SQL sent raw by a role
 * that bypasses RLS, outside a transaction.
 */
const CATEGORY = 'bench'
const ROUNDS = 8
const QUERIES_PER_ROUND = 60
const WORDS = [
  '道路',
  '工程',
  '采购',
  '设备',
  '办公',
  '绿化',
  '施工',
  '监理',
  '服务',
  '维修',
  '学校',
  '医院',
  '供水',
  '管网',
  '改造',
  '项目',
  '土地',
  '出让',
  '桥梁',
  '隧道',
  '污水',
  '照明',
  '车辆',
  '租赁',
  '物业',
  '食堂',
  '档案',
  '数字',
  '平台',
  '安防',
]
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

/**
 * Rows made in SQL, as the superuser (seeding is not what is measured):
 * titles of four words, lexemes as publishAnnouncement makes them for a
 * Han-only text (every character and every adjacent pair), times spread
 * over a year.
 */
async function seed(client: pg.Client, rows: number, tenantIds: number[], rootId: number) {
  await client.query(
    `insert into announcements (root_tenant_id, tenant_id, kind, category, title, ocid,
       search_vector, published_at)
     select $1, t.tenant_id, (array['trade_notice','qualification','deal','performance','change'])[(1 + g % 5)::int],
       $2, t.title, 'ocds-bench-' || g, t.lexemes,
       now() - make_interval(secs => (g::float8 / $3::bigint) * 365 * 86400)
     from generate_series(1::bigint, $3::bigint) g
     cross join lateral (
       select ($4::bigint[])[(1 + (g * 7919) % cardinality($4::bigint[]))::int] as tenant_id,
         w.title,
         array_to_tsvector(array(
           select distinct substr(w.title, i, n)
           from generate_series(1, length(w.title)) i, (values (1), (2)) v(n)
           where i + n - 1 <= length(w.title))) as lexemes
       from (select string_agg(($5::text[])[(1 + (g * k * 2654435761) % cardinality($5::text[]))::int], '')
               as title
             from generate_series(1, 4) k) w
     ) t`,
    [rootId, CATEGORY, rows, tenantIds, WORDS]
  )
  await client.query('analyze announcements')
}

const RAW_SQL = `select id, tenant_id, kind, category, title, trade_id, ocid, published_at
  from announcements a
  where a.root_tenant_id = $1 and a.tenant_id = $2 and a.category = $3
    and a.published_at >= $4 and a.search_vector @@ $5::tsquery
    and strpos(lower(normalize(a.title || E'\\n' || a.body, NFKC)), $6) > 0
  order by a.published_at desc, a.id desc limit 21`

export default defineScenario({
  name: 'portal_search',
  description:
    'S4 portal search: 2-character keyword + region, category, date; 20 rows over ' +
    'BENCH_PORTAL_N announcements; app read path vs raw indexed SQL, p95',
  async run({ log }) {
    const rows = Number(process.env.BENCH_PORTAL_N ?? 1_000_000)
    if (!Number.isSafeInteger(rows) || rows < 1000) throw new Error('BENCH_PORTAL_N must be ≥ 1000')
    const { root, all } = await withTenant(UNBOUND_GLOBAL_SCOPE, async () => ({
      root: await tenantDirectory.root(),
      all: await tenantDirectory.all(),
    }))
    const tenants = all.filter((t) => !t.isCity)
    const samples: Record<Variant, number[]> = { baseline: [], app: [] }
    const matches: number[] = []
    const from = new Date(Date.now() - 180 * 86400_000)

    await asAdmin(async (admin) => {
      try {
        log(`seeding ${rows} announcements over ${tenants.length} districts`)
        await seed(
          admin,
          rows,
          tenants.map((t) => t.id),
          root.id
        )
        const pick = () => {
          const tenant = tenants[Math.floor(Math.random() * tenants.length)]
          const q = WORDS[Math.floor(Math.random() * WORDS.length)]
          return { tenant, q }
        }
        const once = async (variant: Variant) => {
          const { tenant, q } = pick()
          const started = performance.now()
          let found: number
          if (variant === 'app') {
            found = await withTenant(globalScope(root), async () => {
              const page = await announcementPage(
                { tenant: tenant.code, category: CATEGORY, from, q, limit: 20 },
                {}
              )
              const items = await announcementTransformer.forList(page.rows, 'zh-CN')
              return items.length
            })
          } else {
            const parsed = keywordQuery(q)!
            const result = await admin.query(RAW_SQL, [
              root.id,
              tenant.id,
              CATEGORY,
              from,
              parsed.tsquery,
              parsed.terms[0],
            ])
            found = Math.min(result.rows.length, 20)
          }
          samples[variant].push(performance.now() - started)
          if (variant === 'app') matches.push(found)
        }
        for (const variant of VARIANTS) for (let i = 0; i < 20; i++) await once(variant)
        samples.baseline.length = 0
        samples.app.length = 0
        matches.length = 0
        await alternate(VARIANTS, ROUNDS, async (variant) => {
          for (let i = 0; i < QUERIES_PER_ROUND; i++) await once(variant)
        })
      } finally {
        await admin.query(
          `delete from ocds_releases where announcement_id in
             (select id from announcements where category = $1)`,
          [CATEGORY]
        )
        await admin.query('delete from announcements where category = $1', [CATEGORY])
      }
    })

    const result: BenchRow[] = []
    for (const p of [50, 95]) {
      const baseline = percentile(samples.baseline, p)
      const subject = percentile(samples.app, p)
      result.push({
        metric: `search p${p} (ms)`,
        baseline: round(baseline),
        subject: round(subject),
        ratio: round(subject / baseline, 2),
        goal: p === 95 ? '≤ 3' : undefined,
        met: p === 95 ? subject / baseline <= 3 : undefined,
      })
    }
    const rawP95 = percentile(samples.baseline, 95)
    return {
      rows: result,
      details: {
        announcements: rows,
        queries: samples.app.length,
        meanRowsReturned: round(matches.reduce((a, b) => a + b, 0) / matches.length, 1),
        rawP95UnderGoal: rawP95 <= 50,
      },
    }
  },
})

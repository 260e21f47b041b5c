import { randomBytes } from 'node:crypto'
import pg from 'pg'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { databaseSettings } from '#core/database_settings'
import { tenantTableRls } from '#tenancy/rls_ddl'
import { UNBOUND_GLOBAL_SCOPE, type TenantScope, withTenant } from '#tenancy/tenant_context'
import { tenantDirectory } from '#tenancy/tenant_directory'
import { alternate, median, percentile, round } from './support/stats.js'
import { type BenchRow, defineScenario } from './support/scenario.js'

/**
 * S2, the RLS tax (quality.md C.3): the query mix of a hot tenant table run
 * by the app role under RLS inside withTenant, against the same SQL run by a
 * role that bypasses RLS, also in a transaction. Both carry the explicit
 * `WHERE tenant_id` the app always writes, so the difference is the policy
 * (per statement) plus the scope round trip (per transaction).
 */
const TABLE = 'bench_items'
const BASELINE_ROLE = 'ggzy_bench'
const BASELINE_CONNECTION = 'bench_baseline'
const ROWS_PER_TENANT = 5200
const ROUNDS = 12
const TRANSACTIONS_PER_ROUND = 300
const QUERIES = {
  point: `select * from bench_items where root_tenant_id = ? and tenant_id = ? and id = ?`,
  page: `select id, sku, qty, created_at from bench_items
    where tenant_id = ? and (created_at, id) < (?, ?)
    order by created_at desc, id desc limit 20`,
  count: `select count(*)::int as n from bench_items where tenant_id = ? and qty < ?`,
} as const
type QueryKind = keyof typeof QUERIES
type Kind = QueryKind | 'transaction'
const KINDS: Kind[] = ['point', 'page', 'count', 'transaction']
const VARIANTS = ['baseline', 'rls'] as const
type Variant = (typeof VARIANTS)[number]
type Samples = Record<Kind, number[]>
type Runner = (sql: string, bindings: any[]) => Promise<{ rows: unknown[] }>

/** created_at of the g-th row of a tenant: a fixed clock keeps cursors computable */
const BASE_TIME = Date.parse('2026-01-01T00:00:00Z')

interface TenantRange {
  scope: TenantScope
  firstId: number
}

function quoteIdent(name: string) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe identifier "${name}"`)
  return `"${name}"`
}

async function asAdmin<T>(fn: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client(databaseSettings(env).admin)
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

async function createTable() {
  const owner = db.connection('owner')
  await owner.rawQuery(`DROP TABLE IF EXISTS ${TABLE}`)
  await owner.rawQuery(`
    CREATE TABLE ${TABLE} (
      root_tenant_id bigint NOT NULL,
      tenant_id bigint NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      sku text NOT NULL,
      qty integer NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (root_tenant_id, id),
      FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id)
    )`)
  await owner.rawQuery(`CREATE INDEX ${TABLE}_page_idx ON ${TABLE} (tenant_id, created_at, id)`)
  for (const sql of tenantTableRls(TABLE)) await owner.rawQuery(sql)
}

/** Per tenant, through withTenant: with FORCE on, the owner could not insert */
async function seed(tenants: TenantScope[]) {
  const ranges: TenantRange[] = []
  for (const scope of tenants) {
    // Identity follows generate_series order: the g-th row has id firstId + g - 1
    const { rows } = await withTenant(scope, () =>
      db.rawQuery(
        `with inserted as (
           insert into ${TABLE} (root_tenant_id, tenant_id, sku, qty, created_at)
           select ?, ?, 'sku-' || g, g % 100, ?::timestamptz - g * interval '1 second'
           from generate_series(1, ?) g
           returning id)
         select min(id) as first_id from inserted`,
        [scope.rootTenantId, scope.tenantId, new Date(BASE_TIME), ROWS_PER_TENANT]
      )
    )
    ranges.push({ scope, firstId: rows[0].first_id })
  }
  await db.connection('owner').rawQuery(`VACUUM ANALYZE ${TABLE}`)
  return ranges
}

async function createBaselineRole(password: string) {
  const database = databaseSettings(env).app.database
  await asAdmin(async (client) => {
    const exists = await client.query('select 1 from pg_roles where rolname = $1', [BASELINE_ROLE])
    const verb = exists.rowCount ? 'ALTER' : 'CREATE'
    await client.query(
      `${verb} ROLE ${BASELINE_ROLE} LOGIN BYPASSRLS NOSUPERUSER NOINHERIT PASSWORD ${client.escapeLiteral(password)}`
    )
    await client.query(`GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO ${BASELINE_ROLE}`)
  })
  await db.connection('owner').rawQuery(`GRANT SELECT ON ${TABLE} TO ${BASELINE_ROLE}`)
  const app = db.manager.get('app')!.config
  db.manager.add(BASELINE_CONNECTION, {
    ...app,
    connection: { ...(app.connection as object), user: BASELINE_ROLE, password },
  } as typeof app)
}

async function dropEverything() {
  await db.manager.close(BASELINE_CONNECTION, true).catch(() => {})
  await db.connection('owner').rawQuery(`DROP TABLE IF EXISTS ${TABLE}`)
  const database = databaseSettings(env).app.database
  await asAdmin(async (client) => {
    const exists = await client.query('select 1 from pg_roles where rolname = $1', [BASELINE_ROLE])
    if (!exists.rowCount) return
    await client.query(`REVOKE CONNECT ON DATABASE ${quoteIdent(database)} FROM ${BASELINE_ROLE}`)
    // Still granted in another database: leave the role to that one
    await client.query(`DROP ROLE ${BASELINE_ROLE}`).catch(() => {})
  })
}

function bindingsFor(kind: QueryKind, range: TenantRange, g: number): any[] {
  const { scope, firstId } = range
  if (kind === 'point') return [scope.rootTenantId, scope.tenantId, firstId + g - 1]
  if (kind === 'page') return [scope.tenantId, new Date(BASE_TIME - g * 1000), firstId + g - 1]
  return [scope.tenantId, 10]
}

function emptySamples(): Samples {
  return { point: [], page: [], count: [], transaction: [] }
}

/** One unit of work: the three queries in one transaction, each timed */
async function unitOfWork(variant: Variant, range: TenantRange, samples: Samples) {
  // Leave a full page after the cursor
  const g = 1 + Math.floor(Math.random() * (ROWS_PER_TENANT - 20))
  const queries = async (run: Runner) => {
    for (const kind of Object.keys(QUERIES) as QueryKind[]) {
      const started = performance.now()
      const { rows } = await run(QUERIES[kind], bindingsFor(kind, range, g))
      samples[kind].push(performance.now() - started)
      if (!rows.length) throw new Error(`${variant} ${kind} returned nothing`)
    }
  }
  const started = performance.now()
  if (variant === 'rls') {
    await withTenant(range.scope, () => queries((sql, bindings) => db.rawQuery(sql, bindings)))
  } else {
    const trx = await db.connection(BASELINE_CONNECTION).transaction()
    try {
      await queries((sql, bindings) => trx.rawQuery(sql, bindings))
    } finally {
      await trx.commit()
    }
  }
  samples.transaction.push(performance.now() - started)
}

export default defineScenario({
  name: 'rls_tax',
  description:
    'S2 RLS tax: point / keyset page / filtered count over ≥200k rows, app role under RLS ' +
    'vs a BYPASSRLS role, same SQL, c=1; ratio = median of per-round ratios',
  async run({ log }) {
    const tenants = await withTenant(UNBOUND_GLOBAL_SCOPE, () => tenantDirectory.all())
    const scopes: TenantScope[] = tenants.map((t) => ({
      scope: 'tenant',
      tenantId: t.id,
      rootTenantId: t.rootId,
    }))
    const rounds: Record<Variant, Samples[]> = { baseline: [], rls: [] }

    try {
      await createTable()
      log(`seeding ${scopes.length} × ${ROWS_PER_TENANT} rows`)
      const ranges = await seed(scopes)
      await createBaselineRole(randomBytes(18).toString('base64url'))
      const pick = () => ranges[Math.floor(Math.random() * ranges.length)]

      const warmup = emptySamples()
      for (const variant of VARIANTS) {
        for (let i = 0; i < 100; i++) await unitOfWork(variant, pick(), warmup)
      }
      await alternate(VARIANTS, ROUNDS, async (variant) => {
        const samples = emptySamples()
        for (let i = 0; i < TRANSACTIONS_PER_ROUND; i++) await unitOfWork(variant, pick(), samples)
        rounds[variant].push(samples)
      })
    } finally {
      await dropEverything()
    }

    const pooled = (variant: Variant, kind: Kind) => rounds[variant].flatMap((r) => r[kind])
    const perRound = (kind: Kind, p: number, combine: (rls: number, base: number) => number) =>
      rounds.rls.map((r, i) =>
        combine(percentile(r[kind], p), percentile(rounds.baseline[i][kind], p))
      )

    const rows: BenchRow[] = []
    const details: Record<string, unknown> = {
      rows: scopes.length * ROWS_PER_TENANT,
      tenants: scopes.length,
      rounds: ROUNDS,
      transactionsPerRound: TRANSACTIONS_PER_ROUND,
    }
    for (const kind of KINDS) {
      for (const p of [50, 95]) {
        const ratios = perRound(kind, p, (rls, base) => rls / base)
        const ratio = median(ratios)
        const perStatement = kind !== 'transaction'
        const baseline = percentile(pooled('baseline', kind), p)
        const subject = percentile(pooled('rls', kind), p)
        details[`${kind}_p${p}`] = {
          baseline,
          rls: subject,
          roundRatios: ratios.map((r) => round(r)),
        }
        rows.push({
          metric: `${kind} p${p} (ms)`,
          baseline: round(baseline),
          subject: round(subject),
          ratio: round(ratio, 2),
          goal: perStatement ? '≤ 1.10' : undefined,
          met: perStatement ? ratio <= 1.1 : undefined,
        })
      }
    }
    const contextCost = median(perRound('transaction', 50, (rls, base) => rls - base))
    details.contextCostP50Ms = round(contextCost)
    rows.push({
      metric: 'tenant context, transaction p50 Δ (ms)',
      baseline: 0,
      subject: round(contextCost),
      ratio: Number.NaN,
      goal: '≤ +0.5 ms',
      met: contextCost <= 0.5,
    })
    return { rows, details }
  },
})

import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { UNBOUND_GLOBAL_SCOPE, type TenantScope, withTenant } from '#tenancy/tenant_context'
import { tenantDirectory } from '#tenancy/tenant_directory'
import { registerProcedure, defineProcedure } from '#trading/engine/define_procedure'
import { startTrade } from '#trading/engine/procedure_engine'
import { type SealedBid, newKeyFile, sealBid } from '#trading/sealed_bids/bid_crypto'
import { SubmitBid } from '#trading/sealed_bids/bids'
import { alternate, median, percentile, round } from './support/stats.js'
import { type BenchRow, defineScenario } from './support/scenario.js'

/**
 * The deadline burst (issue [trading]): N bidders submit at once in the last
 * minute. Subject: SubmitBid, as the API runs it (trade lock, hash checks,
 * the deadline judged in the INSERT, envelope rows, the audit chain), each in
 * its own tenant transaction. Baseline: a bare insert of the same rows, in
 * the same kind of transaction. Sealing is the bidders' work and happens
 * before the clock starts. Fresh trade per round and variant, alternated.
 */
const BIDDERS = Number(process.env.BENCH_BIDDERS ?? 200)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8)
const ROUNDS = 5
const TENANT_CODE = '500101'
const VARIANTS = ['bare', 'submit'] as const
type Variant = (typeof VARIANTS)[number]

const benchProcedure = defineProcedure({
  id: 'bench-burst',
  category: 'construction',
  name: { 'zh-CN': '压测', 'en': 'Bench' },
  initial: 'open',
  states: ['open'],
  transitions: {},
})

async function bidders(count: number) {
  const owner = db.connection('owner')
  const [account] = await owner
    .table('accounts')
    .insert({ email: `${randomUUID()}@bench.ggzy.cn`, display_name: 'bench', password: 'x' })
    .returning('id')
  const entities = await owner
    .table('market_entities')
    .multiInsert(
      Array.from({ length: count }, () => ({
        code_type: 'uscc',
        code: randomUUID().replace(/-/g, '').slice(0, 18).toUpperCase(),
        name: `压测投标人${randomUUID().slice(0, 6)}`,
        entity_type: 'legal_person',
        registered_by: account.id,
      }))
    )
    .returning('id')
  return { accountId: account.id as number, entityIds: entities.map((e: any) => e.id as number) }
}

async function newTrade(scope: TenantScope) {
  return withTenant(scope, async () => {
    const trade = await startTrade('bench-burst', 'deadline burst', {
      accountId: null,
      label: 'bench',
      role: 'tenderer',
    })
    trade.milestones = { bid_deadline: new Date(Date.now() + 3600_000).toISOString() }
    await trade.save()
    return trade.id
  })
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++])
    })
  )
}

export default defineScenario({
  name: 'deadline_burst',
  description: `deadline burst: ${BIDDERS} bidders submitting at once (c=${CONCURRENCY}) vs a bare insert of the same rows`,
  async run({ log }) {
    registerProcedure(benchProcedure)
    const tenant = await withTenant(UNBOUND_GLOBAL_SCOPE, () =>
      tenantDirectory.findByCode(TENANT_CODE)
    )
    if (!tenant) throw new Error(`Tenant ${TENANT_CODE} missing: seed the database first`)
    const scope: TenantScope = { scope: 'tenant', tenantId: tenant.id, rootTenantId: tenant.rootId }
    const { accountId, entityIds } = await bidders(BIDDERS)
    const keyFile = newKeyFile()
    const sealed: SealedBid[] = []
    for (let i = 0; i < BIDDERS; i++) {
      const readout = new TextEncoder().encode(JSON.stringify({ price: 1_000_000 + i }))
      sealed.push(
        await sealBid({ readout, file: new Uint8Array(64 * 1024).fill(i % 251) }, { keyFile })
      )
    }
    log(`${BIDDERS} bids sealed (64 KiB file each)`)

    const submitOne: Record<Variant, (tradeId: number, i: number) => Promise<void>> = {
      bare: (tradeId, i) =>
        withTenant(scope, async () => {
          const [bid] = await db
            .table('bids')
            .insert({
              root_tenant_id: scope.rootTenantId,
              tenant_id: scope.tenantId,
              trade_id: tradeId,
              entity_id: entityIds[i],
              submitted_by: accountId,
              key_wrapping: 'key_file',
              wrapped_key: Buffer.from(sealed[i].wrappedKey, 'base64'),
              envelopes: JSON.stringify(
                sealed[i].envelopes.map(({ name, iv, sha256 }) => ({ name, iv, sha256 }))
              ),
              submitted_at: new Date(),
            })
            .returning('id')
          await db.table('bid_envelope_blobs').multiInsert(
            sealed[i].envelopes.map((envelope) => ({
              root_tenant_id: scope.rootTenantId,
              tenant_id: scope.tenantId,
              bid_id: bid.id,
              name: envelope.name,
              ciphertext: Buffer.from(envelope.ciphertext),
            }))
          )
        }),
      submit: (tradeId, i) =>
        withTenant(scope, async () => {
          await new SubmitBid({
            actor: { accountId, label: 'bench', ip: null },
            entityId: entityIds[i],
          }).handle(tradeId, { ...sealed[i], envelopes: sealed[i].envelopes })
        }),
    }

    const rounds = { bare: [] as RoundStats[], submit: [] as RoundStats[] }
    await alternate(VARIANTS, ROUNDS, async (variant, index) => {
      const tradeId = await newTrade(scope)
      const latencies: number[] = []
      const started = performance.now()
      await pool(
        Array.from({ length: BIDDERS }, (_, i) => i),
        CONCURRENCY,
        async (i) => {
          const t0 = performance.now()
          await submitOne[variant](tradeId, i)
          latencies.push(performance.now() - t0)
        }
      )
      const elapsed = performance.now() - started
      const stats = { rps: (BIDDERS / elapsed) * 1000, p95: percentile(latencies, 95) }
      log(
        `round ${index + 1} ${variant}: ${Math.round(stats.rps)} bids/s, p95 ${round(stats.p95)} ms`
      )
      rounds[variant].push(stats)
    })

    const pair = (metric: keyof RoundStats): BenchRow => {
      const ratio = median(rounds.submit.map((r, i) => r[metric] / rounds.bare[i][metric]))
      return {
        metric: `submit / bare ${metric === 'rps' ? 'bids/s' : 'p95 (ms)'}`,
        baseline: round(median(rounds.bare.map((r) => r[metric])), 1),
        subject: round(median(rounds.submit.map((r) => r[metric])), 1),
        ratio: round(ratio, 2),
      }
    }
    return {
      rows: [pair('rps'), pair('p95')],
      details: { bidders: BIDDERS, concurrency: CONCURRENCY, rounds, fileBytes: 64 * 1024 },
    }
  },
})

interface RoundStats {
  rps: number
  p95: number
}

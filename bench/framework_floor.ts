import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { LoadGenerator, type LoadRequest } from './support/load.js'
import { alternate, median, percentile, round } from './support/stats.js'
import { type BenchRow, defineScenario } from './support/scenario.js'

/**
 * S1, the framework floor (quality.md C.3), in this process on loopback:
 * - bare: node:http answering a constant JSON (the control; Fastify is not installed)
 * - adonis: an AdonisJS route answering the same JSON through the router
 *   middleware every route has (body parser, session, shield, i18n, auth,
 *   the request transaction)
 * - tenant: GET /api/v1/t/500101/ping, adding tenant resolution, the scope
 *   switch and one query in the tenant's context
 * The load runs in a worker thread at fixed concurrency with keep-alive.
 */
const CONCURRENCY = 10
const ROUNDS = 5
const ROUND_MS = 4000
const WARMUP_MS = 1000
const BODY = JSON.stringify({ ok: true })
const VARIANTS = ['bare', 'adonis', 'tenant'] as const
type Variant = (typeof VARIANTS)[number]

async function listen(server: Server) {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

async function close(server: Server) {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
}

export default defineScenario({
  name: 'framework_floor',
  description: `S1 framework floor: bare node:http vs an AdonisJS route vs a tenant route, c=${CONCURRENCY}, keep-alive`,
  async run({ app, log }) {
    const bare = createServer((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
      res.end(BODY)
    })
    const router = await app.container.make('router')
    router.get('/bench/ping', () => ({ ok: true }))
    const server = await app.container.make('server')
    await server.boot()
    const adonis = createServer(server.handle.bind(server))
    server.setNodeServer(adonis)

    const load = new LoadGenerator()
    const rounds = Object.fromEntries(VARIANTS.map((v) => [v, []])) as unknown as Record<
      Variant,
      RoundStats[]
    >
    try {
      const barePort = await listen(bare)
      const adonisPort = await listen(adonis)
      const json = { accept: 'application/json' }
      const requests: Record<Variant, Omit<LoadRequest, 'durationMs' | 'concurrency'>> = {
        bare: { url: `http://127.0.0.1:${barePort}/`, expect: BODY },
        adonis: { url: `http://127.0.0.1:${adonisPort}/bench/ping`, headers: json, expect: BODY },
        tenant: {
          url: `http://127.0.0.1:${adonisPort}/api/v1/t/500101/ping`,
          headers: json,
          expect: '"tenant":"500101"',
        },
      }
      for (const variant of VARIANTS) {
        const warm = await load.run({
          ...requests[variant],
          concurrency: CONCURRENCY,
          durationMs: WARMUP_MS,
        })
        if (warm.count === 0) throw new Error(`${variant}: no successful request while warming up`)
      }
      await alternate(VARIANTS, ROUNDS, async (variant, index) => {
        const result = await load.run({
          ...requests[variant],
          concurrency: CONCURRENCY,
          durationMs: ROUND_MS,
        })
        const stats: RoundStats = {
          rps: (result.count / result.elapsedMs) * 1000,
          p50: percentile(result.latencies, 50),
          p95: percentile(result.latencies, 95),
          p99: percentile(result.latencies, 99),
          errors: result.errors,
        }
        log(`round ${index + 1} ${variant}: ${Math.round(stats.rps)} req/s, ${stats.errors} errors`)
        rounds[variant].push(stats)
      })
    } finally {
      await load.close()
      await close(bare)
      await close(adonis)
    }

    const summary = Object.fromEntries(
      VARIANTS.map((v) => [
        v,
        {
          rps: round(median(rounds[v].map((r) => r.rps)), 0),
          p50: round(median(rounds[v].map((r) => r.p50))),
          p95: round(median(rounds[v].map((r) => r.p95))),
          p99: round(median(rounds[v].map((r) => r.p99))),
          errors: rounds[v].reduce((sum, r) => sum + r.errors, 0),
        },
      ])
    ) as Record<Variant, RoundStats>

    /** Median over rounds of subject / baseline, each pair measured side by side */
    const pair = (
      metric: keyof RoundStats,
      baseline: Variant,
      subject: Variant,
      goal?: [string, (ratio: number) => boolean]
    ): BenchRow => {
      const ratio = median(rounds[subject].map((r, i) => r[metric] / rounds[baseline][i][metric]))
      return {
        metric: `${subject} / ${baseline} ${metric === 'rps' ? 'req/s' : `${metric} (ms)`}`,
        baseline: summary[baseline][metric],
        subject: summary[subject][metric],
        ratio: round(ratio, 2),
        goal: goal?.[0],
        met: goal?.[1](ratio),
      }
    }
    const rows: BenchRow[] = [
      pair('rps', 'bare', 'adonis'),
      pair('p95', 'bare', 'adonis'),
      pair('rps', 'adonis', 'tenant', ['≥ 0.40', (ratio) => ratio >= 0.4]),
      pair('p95', 'adonis', 'tenant'),
      pair('p99', 'adonis', 'tenant', ['≤ 2.00', (ratio) => ratio <= 2]),
      pair('rps', 'bare', 'tenant'),
      pair('p95', 'bare', 'tenant'),
    ]
    return {
      rows,
      details: { concurrency: CONCURRENCY, rounds: ROUNDS, roundMs: ROUND_MS, ...summary },
    }
  },
})

interface RoundStats {
  rps: number
  p50: number
  p95: number
  p99: number
  errors: number
}

import { PassThrough } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import type { HttpContext } from '@adonisjs/core/http'
import { currentScopeOrFail, withTenant } from '#tenancy/tenant_context'

const HEARTBEAT_MS = 15_000

/**
 * Streams what `read` returns as server-sent events named `event`, each time
 * it changes, polling every `pollMs`, with a comment line now and then so
 * proxies keep a quiet stream open. Each read is its own short tenant
 * transaction: the request's transaction ends when this returns, long before
 * the stream does.
 */
export function streamChanges(
  ctx: HttpContext,
  event: string,
  read: () => Promise<unknown>,
  pollMs: number
) {
  const scope = currentScopeOrFail()
  const stream = new PassThrough()
  let open = true
  ctx.request.request.on('close', () => {
    open = false
    stream.end()
  })
  ctx.response.header('content-type', 'text/event-stream; charset=utf-8')
  ctx.response.header('cache-control', 'no-cache, no-transform')
  ctx.response.header('x-accel-buffering', 'no')
  ctx.response.stream(stream)

  const pump = async () => {
    let last = ''
    let quietSince = Date.now()
    while (open) {
      const snapshot = JSON.stringify(await withTenant(scope, read))
      if (snapshot !== last) {
        stream.write(`event: ${event}\ndata: ${snapshot}\n\n`)
        last = snapshot
        quietSince = Date.now()
      } else if (Date.now() - quietSince > HEARTBEAT_MS) {
        stream.write(': keep-alive\n\n')
        quietSince = Date.now()
      }
      await sleep(pollMs)
    }
  }
  pump().catch(() => stream.end())
}

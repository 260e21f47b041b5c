import http from 'node:http'
import { parentPort } from 'node:worker_threads'
import type { LoadRequest, LoadResult } from './load.js'

/**
 * The load loop, in its own thread so it does not share the event loop of
 * the server under test: `concurrency` keep-alive clients, each sending its
 * next request when the previous answer has been read, for `durationMs`.
 */
function requestOnce(agent: http.Agent, request: LoadRequest) {
  return new Promise<number>((resolve) => {
    const started = performance.now()
    const req = http.get(request.url, { agent, headers: request.headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (body += chunk))
      res.on('end', () => {
        const ok = res.statusCode === 200 && (!request.expect || body.includes(request.expect))
        resolve(ok ? performance.now() - started : -1)
      })
    })
    req.on('error', () => resolve(-1))
  })
}

async function load(request: LoadRequest): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: request.concurrency })
  const latencies: number[] = []
  let errors = 0
  const started = performance.now()
  const deadline = started + request.durationMs
  await Promise.all(
    Array.from({ length: request.concurrency }, async () => {
      while (performance.now() < deadline) {
        const ms = await requestOnce(agent, request)
        if (ms < 0) errors++
        else latencies.push(ms)
      }
    })
  )
  const elapsedMs = performance.now() - started
  agent.destroy()
  return { count: latencies.length, errors, elapsedMs, latencies: Float64Array.from(latencies) }
}

parentPort!.on('message', async (request: LoadRequest) => {
  parentPort!.postMessage(await load(request))
})

import { Worker } from 'node:worker_threads'

export interface LoadRequest {
  url: string
  concurrency: number
  durationMs: number
  headers?: Record<string, string>
  /** A text every answer must contain to count as a success */
  expect?: string
}

export interface LoadResult {
  count: number
  errors: number
  elapsedMs: number
  latencies: Float64Array
}

/** A keep-alive HTTP load generator running in a worker thread (autocannon is not installed) */
export class LoadGenerator {
  private worker = new Worker(
    new URL(
      import.meta.url.endsWith('.ts') ? './load_worker.ts' : './load_worker.js',
      import.meta.url
    )
  )

  run(request: LoadRequest) {
    return new Promise<LoadResult>((resolve, reject) => {
      const fail = (error: Error) => reject(error)
      this.worker.once('error', fail)
      this.worker.once('message', (result: LoadResult) => {
        this.worker.off('error', fail)
        resolve(result)
      })
      this.worker.postMessage(request)
    })
  }

  async close() {
    await this.worker.terminate()
  }
}

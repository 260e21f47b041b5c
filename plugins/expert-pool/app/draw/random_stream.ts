import { createHash } from 'node:crypto'

export const SEED_BYTES = 32

/** 2^48: six bytes of each block stay exact in a JS number. */
const RANGE = 2 ** 48

/**
 * SHA-256(seed ‖ 64-bit block counter) in counter mode. The seed stays secret
 * until the draw is over, so nothing here needs a MAC, and HMAC's per-call key
 * setup would cost eight times as much. The position is a plain block count,
 * so a top-up can be published as "resumed at block k" and replayed alone.
 */
export class RandomStream {
  #seed: Buffer
  #block: number

  constructor(seed: Buffer, startBlock = 0) {
    if (seed.length !== SEED_BYTES) {
      throw new Error(`A draw seed is ${SEED_BYTES} bytes, got ${seed.length}`)
    }
    if (!Number.isSafeInteger(startBlock) || startBlock < 0) {
      throw new Error(`Invalid stream position ${startBlock}`)
    }
    this.#seed = seed
    this.#block = startBlock
  }

  get position(): number {
    return this.#block
  }

  #next(): number {
    const counter = Buffer.alloc(8)
    counter.writeBigUInt64BE(BigInt(this.#block))
    this.#block += 1
    return createHash('sha256').update(this.#seed).update(counter).digest().readUIntBE(0, 6)
  }

  /**
   * Uniform in [0, n). Values at or above the largest multiple of n below
   * 2^48 are thrown away, because folding them in with `%` would favour the
   * low indexes.
   */
  below(n: number): number {
    if (!Number.isSafeInteger(n) || n < 1 || n > RANGE) {
      throw new Error(`Cannot draw below ${n}`)
    }
    const limit = RANGE - (RANGE % n)
    for (;;) {
      const value = this.#next()
      if (value < limit) return value % n
    }
  }
}

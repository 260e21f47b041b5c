import vine from '@vinejs/vine'

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/** What the bidder's browser sends beside the ciphertext files (multipart field `meta`, JSON) */
export const sealedBidValidator = vine.create({
  keyWrapping: vine.enum(['password', 'key_file']),
  kdfSalt: vine.string().regex(BASE64).maxLength(64).nullable().optional(),
  kdfIterations: vine.number().withoutDecimals().positive().max(10_000_000).nullable().optional(),
  wrappedKey: vine.string().regex(BASE64).minLength(8).maxLength(128),
  envelopes: vine
    .array(
      vine.object({
        name: vine.string().regex(/^[a-z][a-z0-9_]{0,30}$/),
        iv: vine.string().regex(BASE64).fixedLength(16),
        sha256: vine.string().regex(/^[0-9a-f]{64}$/),
      })
    )
    .minLength(1)
    .maxLength(5),
  /** The browser's device fingerprint (SHA-256 hex), compared by alert rule W01 */
  fingerprint: vine
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
})

export const decryptBidValidator = vine.create({
  dataKey: vine.string().regex(BASE64).fixedLength(44),
})

export const startOpeningValidator = vine.create({
  decryptionMinutes: vine.number().withoutDecimals().min(5).max(240).optional(),
})

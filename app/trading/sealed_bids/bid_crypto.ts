/**
 * Sealing and opening bids (ARCHITECTURE.md §6). Isomorphic: only the Web
 * Crypto API, so the same module runs in the bidder's browser, in the tests
 * and in API clients (Node's globalThis.crypto is the same API).
 *
 * Each envelope is encrypted with AES-256-GCM under one fresh data key per
 * bid; the data key is wrapped with AES-KW by a key-encryption key only the
 * bidder holds: derived from the bid password (PBKDF2-SHA-256) or a random
 * key file. At opening the bidder unwraps the data key locally and sends it,
 * never the password. National algorithms (SM4/SM3) could stand behind the
 * same functions.
 */
export const BID_KDF_ITERATIONS = 600_000
const KEY_BYTES = 32
const IV_BYTES = 12

export type BidSecret = { password: string } | { keyFile: Uint8Array }

export interface SealedEnvelope {
  name: string
  /** base64 */
  iv: string
  /** hex SHA-256 of the ciphertext */
  sha256: string
  ciphertext: Uint8Array
}

export interface KeyWrapping {
  keyWrapping: 'password' | 'key_file'
  /** base64, with the password only */
  kdfSalt: string | null
  kdfIterations: number | null
  /** base64 AES-KW output */
  wrappedKey: string
}

export interface SealedBid extends KeyWrapping {
  envelopes: SealedEnvelope[]
}

/** The bidder's secret does not unwrap this bid's key */
export class WrongBidSecretError extends Error {
  constructor() {
    super('The bid password or key file does not open this bid')
  }
}

const subtle = () => globalThis.crypto.subtle

// Web Crypto wants ArrayBuffer-backed views; copying also detaches callers' buffers
function bytes(view: Uint8Array): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(new ArrayBuffer(view.byteLength))
  copy.set(view)
  return copy
}

export function toBase64(view: Uint8Array): string {
  let binary = ''
  for (const byte of view) binary += String.fromCharCode(byte)
  return btoa(binary)
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text)
  const out = new Uint8Array(new ArrayBuffer(binary.length))
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}

export async function sha256Hex(view: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await subtle().digest('SHA-256', bytes(view)))
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** 32 random bytes the bidder downloads and keeps instead of a password */
export function newKeyFile(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(KEY_BYTES))
}

async function keyEncryptionKey(secret: BidSecret, salt: Uint8Array | null, iterations: number) {
  if ('keyFile' in secret) {
    if (secret.keyFile.byteLength !== KEY_BYTES) throw new WrongBidSecretError()
    return subtle().importKey('raw', bytes(secret.keyFile), 'AES-KW', false, [
      'wrapKey',
      'unwrapKey',
    ])
  }
  const material = await subtle().importKey(
    'raw',
    new TextEncoder().encode(secret.password),
    'PBKDF2',
    false,
    ['deriveKey']
  )
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: bytes(salt!), iterations },
    material,
    { name: 'AES-KW', length: 256 },
    false,
    ['wrapKey', 'unwrapKey']
  )
}

export async function sealBid(
  envelopes: Record<string, Uint8Array>,
  secret: BidSecret,
  iterations = BID_KDF_ITERATIONS
): Promise<SealedBid> {
  const dataKey = await subtle().generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt'])
  const salt = 'password' in secret ? globalThis.crypto.getRandomValues(new Uint8Array(16)) : null
  const kek = await keyEncryptionKey(secret, salt, iterations)
  const wrapped = new Uint8Array(await subtle().wrapKey('raw', dataKey, kek, 'AES-KW'))
  const sealed: SealedEnvelope[] = []
  for (const [name, plaintext] of Object.entries(envelopes)) {
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES))
    const ciphertext = new Uint8Array(
      await subtle().encrypt({ name: 'AES-GCM', iv }, dataKey, bytes(plaintext))
    )
    sealed.push({ name, iv: toBase64(iv), sha256: await sha256Hex(ciphertext), ciphertext })
  }
  return {
    keyWrapping: salt ? 'password' : 'key_file',
    kdfSalt: salt ? toBase64(salt) : null,
    kdfIterations: salt ? iterations : null,
    wrappedKey: toBase64(wrapped),
    envelopes: sealed,
  }
}

/** In the bidder's hands at opening: the raw data key (base64) to send */
export async function unwrapBidKey(wrapping: KeyWrapping, secret: BidSecret): Promise<string> {
  const salt = wrapping.kdfSalt ? fromBase64(wrapping.kdfSalt) : null
  const kek = await keyEncryptionKey(secret, salt, wrapping.kdfIterations ?? 0)
  try {
    const key = await subtle().unwrapKey(
      'raw',
      fromBase64(wrapping.wrappedKey),
      kek,
      'AES-KW',
      'AES-GCM',
      true,
      ['decrypt']
    )
    return toBase64(new Uint8Array(await subtle().exportKey('raw', key)))
  } catch {
    throw new WrongBidSecretError()
  }
}

/** Decrypts one envelope; rejects when the key is wrong or the ciphertext altered (GCM tag) */
export async function openEnvelope(
  envelope: { iv: string; ciphertext: Uint8Array },
  dataKeyBase64: string
): Promise<Uint8Array> {
  const raw = fromBase64(dataKeyBase64)
  if (raw.byteLength !== KEY_BYTES) throw new WrongBidSecretError()
  const key = await subtle().importKey('raw', raw, 'AES-GCM', false, ['decrypt'])
  try {
    return new Uint8Array(
      await subtle().decrypt(
        { name: 'AES-GCM', iv: fromBase64(envelope.iv) },
        key,
        bytes(envelope.ciphertext)
      )
    )
  } catch {
    throw new WrongBidSecretError()
  }
}

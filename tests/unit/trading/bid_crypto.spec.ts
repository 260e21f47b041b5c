import { test } from '@japa/runner'
import {
  WrongBidSecretError,
  newKeyFile,
  openEnvelope,
  sealBid,
  sha256Hex,
  unwrapBidKey,
} from '#trading/sealed_bids/bid_crypto'

const encode = (text: string) => new TextEncoder().encode(text)
const decode = (view: Uint8Array) => new TextDecoder().decode(view)

test.group('bid crypto', () => {
  test('a bid sealed with a password opens with the data key the password unwraps', async ({
    assert,
  }) => {
    const sealed = await sealBid(
      { readout: encode('{"price":1280000}'), file: encode('技术标与商务标') },
      { password: '投标密码-2026' }
    )
    assert.equal(sealed.keyWrapping, 'password')
    assert.equal(sealed.kdfIterations, 600_000)
    for (const envelope of sealed.envelopes) {
      assert.equal(envelope.sha256, await sha256Hex(envelope.ciphertext))
      assert.notInclude(decode(envelope.ciphertext), '1280000')
    }
    const dataKey = await unwrapBidKey(sealed, { password: '投标密码-2026' })
    const [readout, file] = sealed.envelopes
    assert.equal(decode(await openEnvelope(readout, dataKey)), '{"price":1280000}')
    assert.equal(decode(await openEnvelope(file, dataKey)), '技术标与商务标')
  })

  test('a wrong password does not unwrap the key', async ({ assert }) => {
    const sealed = await sealBid({ readout: encode('{}') }, { password: 'right' })
    await assert.rejects(() => unwrapBidKey(sealed, { password: 'wrong' }), WrongBidSecretError)
  })

  test('a key file seals and opens; another key file does not', async ({ assert }) => {
    const keyFile = newKeyFile()
    const sealed = await sealBid({ readout: encode('{"price":1}') }, { keyFile })
    assert.equal(sealed.keyWrapping, 'key_file')
    assert.isNull(sealed.kdfSalt)
    const dataKey = await unwrapBidKey(sealed, { keyFile })
    assert.equal(decode(await openEnvelope(sealed.envelopes[0], dataKey)), '{"price":1}')
    await assert.rejects(() => unwrapBidKey(sealed, { keyFile: newKeyFile() }), WrongBidSecretError)
  })

  test('an altered ciphertext or a wrong data key fails the GCM tag', async ({ assert }) => {
    const keyFile = newKeyFile()
    const sealed = await sealBid({ readout: encode('{"price":2}') }, { keyFile })
    const dataKey = await unwrapBidKey(sealed, { keyFile })
    const altered = Uint8Array.from(sealed.envelopes[0].ciphertext)
    altered[0] ^= 1
    await assert.rejects(
      () => openEnvelope({ iv: sealed.envelopes[0].iv, ciphertext: altered }, dataKey),
      WrongBidSecretError
    )
    const other = await sealBid({ readout: encode('{}') }, { keyFile })
    const otherKey = await unwrapBidKey(other, { keyFile })
    await assert.rejects(() => openEnvelope(sealed.envelopes[0], otherKey), WrongBidSecretError)
  })

  test('two seals of the same bid differ (fresh data key and IVs)', async ({ assert }) => {
    const keyFile = newKeyFile()
    const first = await sealBid({ readout: encode('{"price":3}') }, { keyFile })
    const second = await sealBid({ readout: encode('{"price":3}') }, { keyFile })
    assert.notEqual(first.envelopes[0].sha256, second.envelopes[0].sha256)
    assert.notEqual(first.wrappedKey, second.wrappedKey)
  })
})

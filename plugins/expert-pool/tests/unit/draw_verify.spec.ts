import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { snapshotHash } from '../../app/draw/canonical.js'
import { DrawInputError, newSeed, performDraw, topUp } from '../../app/draw/draw.js'
import type { DrawRecord } from '../../app/draw/types.js'
import { verifyDraw } from '../../app/draw/verify.js'
import { drawnIds, expert, pool, request, seedOf } from './draw_fixtures.js'

function sample(label = 'verify'): DrawRecord {
  const experts = [
    ...pool(12),
    ...pool(6, { specialties: ['B020301'] }).map((e) => ({ ...e, id: `b${e.id}` })),
  ]
  const lines = [
    { code: 'A010101', count: 3 },
    { code: 'B020301', count: 2 },
  ]
  return performDraw(seedOf(label), { experts }, request({ lines, reservePerLine: 2 }))
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value))
}

test.group('expert draw: verification', () => {
  test('the commitment is sha256 of a fresh 32-byte seed', ({ assert }) => {
    const { seed, commitment } = newSeed()
    assert.lengthOf(seed, 32)
    assert.equal(performDraw(seed, { experts: pool(5) }, request()).commitment, commitment)
    assert.notEqual(newSeed().commitment, commitment)
  })

  test('re-running from the revealed seed and snapshot gives the same experts', ({ assert }) => {
    const record = sample()
    const again = performDraw(Buffer.from(record.seed, 'hex'), record.snapshot, record.request)
    assert.deepEqual(again.result, record.result)
    assert.deepEqual(verifyDraw(clone(record)), { match: true })
  })

  test('the same pool in another order is the same snapshot and the same draw', ({ assert }) => {
    const record = sample()
    const shuffled = {
      experts: [...record.snapshot.experts]
        .reverse()
        .map((e) => ({ ...e, specialties: [...e.specialties].reverse() })),
    }
    assert.equal(snapshotHash(shuffled), record.snapshotHash)
    assert.deepEqual(verifyDraw({ ...clone(record), snapshot: shuffled }), { match: true })
  })

  test('a changed field of one expert gives a mismatch', ({ assert }) => {
    const record = clone(sample())
    record.snapshot.experts[4].busyDates = ['2027-03-15']
    const verdict = verifyDraw(record)
    assert.isFalse(verdict.match)
    assert.match((verdict as { difference: string }).difference, /^snapshotHash/)
  })

  test('a snapshot changed along with its hash still gives a mismatch', ({ assert }) => {
    const record = clone(sample())
    const drawn = record.result.lines[0].drawn[0].expertId
    const target = record.snapshot.experts.find((e) => e.id === drawn)!
    target.status = 'blacklisted'
    record.snapshotHash = snapshotHash(record.snapshot)
    const verdict = verifyDraw(record)
    assert.isFalse(verdict.match)
    assert.match((verdict as { difference: string }).difference, /^result\./)
  })

  test('another seed, or a seed that does not match the commitment, gives a mismatch', ({
    assert,
  }) => {
    const record = sample()
    const other = sample('another seed')
    assert.notDeepEqual(other.result.lines, record.result.lines)
    assert.deepEqual(verifyDraw({ ...clone(record), seed: other.seed }), {
      match: false,
      difference: 'commitment: sha256(seed) does not equal the recorded commitment',
    })
    const swapped = { ...clone(record), seed: other.seed, commitment: other.commitment }
    assert.match((verifyDraw(swapped) as { difference: string }).difference, /^result\.lines/)
  })

  test('a tampered result names the first difference', ({ assert }) => {
    const record = clone(sample())
    const real = record.result.lines[1].drawn[1].expertId
    record.result.lines[1].drawn[1].expertId = 'e000'
    assert.deepEqual(verifyDraw(record), {
      match: false,
      difference: `result.lines[1].drawn[1].expertId: re-run gives "${real}", the record says "e000"`,
    })
  })

  test('the stream is pinned: old records must keep verifying', ({ assert }) => {
    const record = performDraw(seedOf('pinned'), { experts: pool(10) }, request())
    assert.deepEqual(drawnIds(record.result.lines), ['e003', 'e001', 'e004'])
    assert.deepEqual(record.result.lines[0].reserves, [{ expertId: 'e008', viaCode: 'A010101' }])
    assert.equal(record.result.endBlock, 4)
  })
})

test.group('expert draw: top-up after a decline', () => {
  test('a top-up is deterministic, resumes the stream and never repeats anyone', ({ assert }) => {
    const record = sample()
    const declined = record.result.lines[0].drawn[1].expertId
    const first = topUp(record, 0, [declined])
    const again = topUp(record, 0, [declined])
    assert.deepEqual(first, again)

    const added = first.result.topUps[0]
    assert.equal(added.startBlock, record.result.endBlock)
    assert.lengthOf(added.drawn, 1)
    const before = record.result.lines.flatMap((l) => [...l.drawn, ...l.reserves])
    assert.notInclude(
      before.map((p) => p.expertId),
      added.drawn[0].expertId
    )

    const second = topUp(first, 0, [added.drawn[0].expertId])
    assert.equal(second.result.topUps[1].startBlock, added.endBlock)
    const everyone = [...before, ...second.result.topUps.flatMap((t) => t.drawn)].map(
      (p) => p.expertId
    )
    assert.lengthOf(new Set(everyone), everyone.length)
    assert.deepEqual(verifyDraw(clone(second)), { match: true })
  })

  test('a forged top-up is caught by verification', ({ assert }) => {
    const record = clone(topUp(sample(), 1, [sample().result.lines[1].drawn[0].expertId]))
    record.result.topUps[0].drawn[0].expertId = 'forged'
    assert.match(
      (verifyDraw(record) as { difference: string }).difference,
      /^result\.topUps\[0\]\.drawn\[0\]\.expertId/
    )
  })

  test('a top-up only accepts declines of experts drawn on that line', ({ assert }) => {
    const record = sample()
    const onA = record.result.lines[0].drawn[0].expertId
    assert.throws(() => topUp(record, 1, [onA]), DrawInputError as any)
    assert.throws(() => topUp(record, 0, []), DrawInputError as any)
    assert.throws(() => topUp(record, 5, [onA]), DrawInputError as any)
    const once = topUp(record, 0, [onA])
    assert.throws(() => topUp(once, 0, [onA]), /already declined/)
  })

  test('a reserve called up to a seat who then declines is topped up, verifiably', ({ assert }) => {
    const record = sample()
    const reserve = record.result.lines[0].reserves[0].expertId
    const after = topUp(record, 0, [reserve])
    assert.lengthOf(after.result.topUps[0].drawn, 1)
    assert.deepEqual(verifyDraw(clone(after)), { match: true })
    const otherLine = record.result.lines[1].reserves[0].expertId
    assert.throws(() => topUp(record, 0, [otherLine]), DrawInputError as any)
  })

  test('an exhausted pool reports the top-up shortfall', ({ assert }) => {
    const record = performDraw(
      seedOf('tight'),
      { experts: pool(3) },
      request({ reservePerLine: 0 })
    )
    const after = topUp(record, 0, [record.result.lines[0].drawn[0].expertId])
    assert.deepEqual(after.result.topUps[0].drawn, [])
    assert.deepEqual(after.result.topUps[0].shortfall, {
      line: 0,
      code: 'A010101',
      kind: 'top_up',
      needed: 1,
      got: 0,
      triedCodes: ['A010101'],
    })
  })
})

const run = promisify(execFile)
const SCRIPT = 'plugins/expert-pool/bin/verify_draw.ts'

async function verifyFile(record: unknown) {
  const dir = await mkdtemp(join(tmpdir(), 'verify-draw-'))
  const file = join(dir, 'record.json')
  await writeFile(file, typeof record === 'string' ? record : JSON.stringify(record))
  try {
    const { stdout } = await run(process.execPath, ['--import=@poppinss/ts-exec', SCRIPT, file])
    return { code: 0, stdout }
  } catch (error) {
    const failed = error as { code: number; stdout: string }
    return { code: failed.code, stdout: failed.stdout }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

test.group('expert draw: verify_draw command', () => {
  test('prints match and exits 0 for a genuine record', async ({ assert }) => {
    const record = topUp(sample(), 0, [sample().result.lines[0].drawn[0].expertId])
    assert.deepEqual(await verifyFile(record), { code: 0, stdout: 'match\n' })
  }).timeout(30_000)

  test('prints the first difference and exits 1 for a tampered one', async ({ assert }) => {
    const record = clone(sample())
    record.snapshot.experts[0] = expert(record.snapshot.experts[0].id, { regions: ['500102'] })
    const { code, stdout } = await verifyFile(record)
    assert.equal(code, 1)
    assert.match(stdout, /^mismatch: snapshotHash: the snapshot hashes to [0-9a-f]{64}/)
  }).timeout(30_000)

  test('exits 1 on a file that is not a record', async ({ assert }) => {
    assert.deepEqual(await verifyFile('{not json'), { code: 1, stdout: '' })
    const { code, stdout } = await verifyFile({ seed: 'ab' })
    assert.equal(code, 1)
    assert.match(stdout, /^mismatch: seed/)
  }).timeout(30_000)
})

/**
 * Re-runs a published expert draw:
 *   node --import=@poppinss/ts-exec plugins/expert-pool/bin/verify_draw.ts record.json
 * Exit code 0 when the record matches, 1 otherwise.
 * It needs no database and no application boot, so outsiders can run it.
 */
import { readFile } from 'node:fs/promises'
import { verifyDraw } from '../app/draw/verify.js'

const file = process.argv[2]
if (!file) {
  process.stderr.write('usage: verify_draw.ts <record.json>\n')
  process.exit(1)
}

let record
try {
  record = JSON.parse(await readFile(file, 'utf8'))
} catch (error) {
  process.stderr.write(`cannot read ${file}: ${(error as Error).message}\n`)
  process.exit(1)
}

const verdict = verifyDraw(record)
if (verdict.match) {
  process.stdout.write('match\n')
} else {
  process.stdout.write(`mismatch: ${verdict.difference}\n`)
  process.exitCode = 1
}

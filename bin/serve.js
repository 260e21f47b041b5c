/*
|--------------------------------------------------------------------------
| Runs the HTTP server and the BullMQ worker side by side
|--------------------------------------------------------------------------
| Used by `npm start`. In production they scale separately: run
| bin/server.ts and bin/worker.ts on their own.
*/
import { spawn } from 'node:child_process'

const loader = ['--import=@poppinss/ts-exec']
const children = ['bin/server.ts', 'bin/worker.ts'].map((entry) =>
  spawn(process.execPath, [...loader, entry], { stdio: 'inherit', env: process.env })
)

let stopping = false
function stop(code) {
  if (stopping) return
  stopping = true
  for (const child of children) child.kill('SIGTERM')
  process.exitCode = code
}
for (const child of children) child.on('exit', (code) => stop(code ?? 1))
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))

import { mkdir, readdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { pathToFileURL } from 'node:url'
import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import type { BenchResult, Scenario } from '../bench/support/scenario.js'

/**
 * `npm run bench`: runs the scenarios in bench/ (every bench/*.ts exporting a
 * scenario), prints each one's ratios against the baseline measured in the
 * same run, and writes bench/results/latest.json. Run it against a seeded
 * database on an otherwise idle machine; ratios are what to compare.
 */
export default class Bench extends BaseCommand {
  static commandName = 'bench'
  static description = 'Run the benchmarks in bench/ and write bench/results/latest.json'
  static options: CommandOptions = { startApp: true }

  @args.spread({ description: 'Scenario names to run (default: all)', required: false })
  declare only?: string[]

  private async scenarios(): Promise<Scenario[]> {
    const folder = this.app.makePath('bench')
    const entries = await readdir(folder)
    const files = entries
      .filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'))
      .sort()
    const scenarios: Scenario[] = []
    for (const file of files) {
      const { default: scenario } = await import(pathToFileURL(`${folder}/${file}`).href)
      if (!this.only?.length || this.only.includes(scenario.name)) scenarios.push(scenario)
    }
    return scenarios
  }

  async run() {
    const started = Date.now()
    const results: Record<string, BenchResult & { description: string; seconds: number }> = {}
    for (const scenario of await this.scenarios()) {
      this.logger.info(`${scenario.name}: ${scenario.description}`)
      const t0 = Date.now()
      const result = await scenario.run({
        app: this.app,
        log: (message) => this.logger.log(`  ${message}`),
      })
      results[scenario.name] = {
        ...result,
        description: scenario.description,
        seconds: (Date.now() - t0) / 1000,
      }
      this.print(scenario.name, result)
    }

    const folder = this.app.makePath('bench', 'results')
    await mkdir(folder, { recursive: true })
    const report = {
      at: new Date().toISOString(),
      seconds: (Date.now() - started) / 1000,
      machine: { cpus: os.cpus().length, node: process.version, platform: os.platform() },
      results,
    }
    await writeFile(`${folder}/latest.json`, JSON.stringify(report, null, 2) + '\n')
    this.logger.success(`bench/results/latest.json written (${report.seconds.toFixed(0)} s)`)
  }

  private print(name: string, result: BenchResult) {
    const table = this.ui.table()
    table.head([name, 'baseline', 'subject', 'ratio', 'goal', 'met'])
    for (const row of result.rows) {
      table.row([
        row.metric,
        String(row.baseline),
        String(row.subject),
        Number.isNaN(row.ratio) ? '' : row.ratio.toFixed(2),
        row.goal ?? '',
        row.met === undefined ? '' : row.met ? this.colors.green('yes') : this.colors.red('no'),
      ])
    }
    table.render()
  }
}

import db from '@adonisjs/lucid/services/db'

/**
 * A leaf specialty of its own under 施工 (A0401), so a draw for it finds only
 * the experts the test adds, whatever else the shared pool holds.
 */
export async function ownSpecialty() {
  const owner = db.connection('owner')
  await owner.rawQuery(
    `insert into expert_specialties (code, parent_code, name_zh, name_en)
     values ('A04', 'A', '工程', 'Works'), ('A0401', 'A04', '施工', 'Construction')
     on conflict (code) do nothing`
  )
  for (let i = 10; i < 100; i++) {
    const { rows } = await owner.rawQuery(
      `insert into expert_specialties (code, parent_code, name_zh, name_en)
       values (?, 'A0401', ?, ?) on conflict (code) do nothing returning code`,
      [`A0401${i}`, `测试专业${i}`, `Test specialty ${i}`]
    )
    if (rows.length) return rows[0].code as string
  }
  throw new Error('no free specialty code under A0401')
}

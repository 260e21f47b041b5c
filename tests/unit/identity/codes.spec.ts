import { test } from '@japa/runner'
import { usccProblem } from '#identity/codes/uscc'
import { idCardCheckCharacter, idCardProblem } from '#identity/codes/id_card'

const VALID_USCC = ['91350100M000100Y43', '914403003429409755', '91500101MA5U7K2Q17']
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'

function replaceAt(code: string, index: number, char: string) {
  return code.slice(0, index) + char + code.slice(index + 1)
}

/** A digit other than the one at `index`, so the substitution stays in the charset */
function otherDigit(code: string, index: number) {
  return String((Number.parseInt(code[index], 36) + 1) % 10)
}

test.group('统一社会信用代码', () => {
  test('real codes are valid, in any case and with spaces around', ({ assert }) => {
    for (const code of VALID_USCC) {
      assert.isNull(usccProblem(code), code)
      assert.isNull(usccProblem(` ${code.toLowerCase()} `), code)
    }
  })

  test('every wrong check character (18th) is refused as check', ({ assert }) => {
    for (const code of VALID_USCC) {
      for (const char of USCC_CHARSET) {
        if (char === code[17]) continue
        assert.equal(usccProblem(replaceAt(code, 17, char)), 'check', `${code} → ${char}`)
      }
    }
  })

  test('every wrong organisation-code check character (17th) is refused as org_check', ({
    assert,
  }) => {
    for (const code of VALID_USCC) {
      for (const char of '0123456789X') {
        if (char === code[16]) continue
        assert.equal(usccProblem(replaceAt(code, 16, char)), 'org_check', `${code} → ${char}`)
      }
    }
  })

  test('a changed digit in the organisation body fails the nested check', ({ assert }) => {
    for (const code of VALID_USCC) {
      for (let index = 8; index < 16; index++) {
        if (!/\d/.test(code[index])) continue
        const corrupted = replaceAt(code, index, otherDigit(code, index))
        assert.equal(usccProblem(corrupted), 'org_check', `${code} at ${index}`)
      }
    }
  })

  test('a changed character in positions 1 to 8 fails the check character', ({ assert }) => {
    for (const code of VALID_USCC) {
      for (let index = 0; index < 8; index++) {
        const corrupted = replaceAt(code, index, otherDigit(code, index))
        assert.equal(usccProblem(corrupted), 'check', `${code} at ${index}`)
      }
    }
  })

  test('I, O, S, V and Z never appear', ({ assert }) => {
    for (const char of 'IOSVZ') {
      for (const index of [0, 1, 9, 12, 17]) {
        assert.equal(usccProblem(replaceAt(VALID_USCC[2], index, char)), 'charset', char)
      }
    }
    assert.equal(usccProblem('91500101MA5U7K2Q1!'), 'charset')
    assert.equal(usccProblem('91500101MA5U7K2Q1中'), 'charset')
  })

  test('the region (positions 3 to 8) must be digits', ({ assert }) => {
    for (let index = 2; index < 8; index++) {
      assert.equal(usccProblem(replaceAt(VALID_USCC[2], index, 'A')), 'region', `at ${index}`)
    }
  })

  test('wrong length and empty input', ({ assert }) => {
    assert.equal(usccProblem(''), 'empty')
    assert.equal(usccProblem('   '), 'empty')
    assert.equal(usccProblem(VALID_USCC[0].slice(0, 17)), 'length')
    assert.equal(usccProblem(`${VALID_USCC[0]}0`), 'length')
    assert.equal(usccProblem('9'.repeat(10_000)), 'length')
  })
})

test.group('居民身份证号码', () => {
  const first17 = '50010119900307123'
  const valid = first17 + idCardCheckCharacter(first17)

  test('generated numbers are valid, X included', ({ assert }) => {
    assert.isNull(idCardProblem(valid))
    let withX: string | undefined
    for (let sequence = 0; sequence < 1000 && !withX; sequence++) {
      const body = `11010519491231${String(sequence).padStart(3, '0')}`
      if (idCardCheckCharacter(body) === 'X') withX = `${body}X`
    }
    assert.isDefined(withX)
    assert.isNull(idCardProblem(withX!))
    assert.isNull(idCardProblem(withX!.toLowerCase()))
  })

  test('every wrong check digit is refused', ({ assert }) => {
    for (const char of '0123456789X') {
      if (char === valid[17]) continue
      assert.equal(idCardProblem(first17 + char), 'check', char)
    }
  })

  test('impossible and future birth dates are refused', ({ assert }) => {
    const withBirth = (date: string) => {
      const body = `500101${date}123`
      return body + idCardCheckCharacter(body)
    }
    assert.equal(idCardProblem(withBirth('19990230')), 'birth_date')
    assert.equal(idCardProblem(withBirth('19991301')), 'birth_date')
    assert.equal(idCardProblem(withBirth('18991231')), 'birth_date')
    const nextYear = new Date().getUTCFullYear() + 1
    assert.equal(idCardProblem(withBirth(`${nextYear}0101`)), 'birth_date')
    assert.isNull(idCardProblem(withBirth('20000229')))
    // The day of birth is judged against "today", which callers may fix
    assert.equal(idCardProblem(withBirth('20240102'), new Date('2024-01-01')), 'birth_date')
  })

  test('charset, length and empty input', ({ assert }) => {
    assert.equal(idCardProblem(''), 'empty')
    assert.equal(idCardProblem(valid.slice(0, 17)), 'length')
    assert.equal(idCardProblem(`${valid}1`), 'length')
    assert.equal(idCardProblem(replaceAt(valid, 5, 'A')), 'charset')
    assert.equal(idCardProblem(replaceAt(valid, 17, 'Y')), 'charset')
  })
})

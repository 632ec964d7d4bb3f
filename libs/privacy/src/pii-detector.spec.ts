import { detectPii, foldFullWidth, isValidIban } from './pii-detector';

const found = (text: string): [string, string][] => detectPii(text).map((e) => [e.type, e.text]);

describe('detectPii', () => {
  it('finds checksum-valid resident IDs and skips invalid ones outside an ID label', () => {
    expect(found('证件 110105198503121234 已核验')).toEqual([['national_id', '110105198503121234']]);
    expect(found('ID 11010519491231002x ok')).toEqual([['national_id', '11010519491231002x']]);
    expect(found('Serial 110105198503121230 scanned')).toEqual([]);
    // Next to an ID label a wrong check digit is still someone's ID, mistyped.
    expect(found('身份证号：110105198503121230')).toEqual([['national_id', '110105198503121230']]);
  });

  it('accepts legacy 15-digit IDs only next to an ID label', () => {
    expect(found('老身份证号：130102751030012')).toEqual([['national_id', '130102751030012']]);
    expect(found('批量 130102751030012 件')).toEqual([]);
  });

  it('handles full-width digits and keeps offsets of the original text', () => {
    const text = '手机：１３８ １２３４ ５６７８，身份证：１１０１０５１９８５０３１２１２３４';
    const entities = detectPii(text);
    expect(entities.map((e) => [e.type, e.text])).toEqual([
      ['phone', '１３８ １２３４ ５６７８'],
      ['national_id', '１１０１０５１９８５０３１２１２３４'],
    ]);
    for (const e of entities) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(foldFullWidth('ＡＢ１２＠')).toBe('AB12@');
  });

  it.each([
    ['13812345678'],
    ['138-1234-5678'],
    ['+86 138 1234 5678'],
    ['0086-15912345678'],
    ['010-88886666'],
    ['(0755) 2345 6789'],
    ['(415) 555-0132'],
    ['+44 20 7946 0958'],
    ['+1 646 555 0199'],
  ])('finds the phone %s', (phone) => {
    expect(found(`请致电 ${phone} 联系`)).toEqual([['phone', phone]]);
  });

  it('does not take order, lot or part numbers for phones', () => {
    expect(found('Order No. 13812345678 shipped')).toEqual([]);
    expect(found('订单号13812345678已发货')).toEqual([]);
    expect(found('Part 400-200-1000 rev C')).toEqual([]);
    expect(found('数量共计15012345678件')).toEqual([]);
  });

  it('finds emails, Luhn-valid cards and mod-97 IBANs', () => {
    expect(found('mail zhang.wei+qa@example.com.cn now')).toEqual([['email', 'zhang.wei+qa@example.com.cn']]);
    expect(found('Card 4111 1111 1111 1111, thanks')).toEqual([['bank_account', '4111 1111 1111 1111']]);
    expect(found('Card 4111 1111 1111 1112')).toEqual([]);
    expect(found('IBAN DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX')).toEqual([['bank_account', 'DE89 3704 0044 0532 0130 00']]);
    expect(isValidIban('GB82WEST12345698765432')).toBe(true);
    expect(isValidIban('GB82WEST12345698765433')).toBe(false);
  });

  it('finds English names from honorifics, labels, sign-offs and by-lines', () => {
    expect(found('Dear Mr. Robert Hughes, thank you.')).toEqual([['person_name', 'Robert Hughes']]);
    expect(found('Inspector: Li Wei\nLot R2602-33')).toEqual([['person_name', 'Li Wei']]);
    expect(found('Inspected by Sarah O\'Connell on Monday')).toEqual([['person_name', "Sarah O'Connell"]]);
    expect(found('Best regards,\nTom Becker\nQuality')).toEqual([['person_name', 'Tom Becker']]);
    expect(found('To: Quality Department')).toEqual([]);
  });

  it('finds Chinese names after labels and before titles, not past the name', () => {
    expect(found('检验员：张伟\n批次号：20260315001')).toEqual([['person_name', '张伟']]);
    expect(found('质检员孙丽在3号线发现缺陷')).toEqual([['person_name', '孙丽']]);
    expect(found('申请人：欧阳晓东')).toEqual([['person_name', '欧阳晓东']]);
    expect(found('请联系郭靖先生')).toEqual([['person_name', '郭靖']]);
    expect(found('请黄先生致电')).toEqual([['person_name', '黄']]);
  });

  it('finds addresses in both languages', () => {
    expect(found('Ship to 1600 Amphitheatre Parkway, Mountain View, CA 94043.')).toEqual([
      ['address', '1600 Amphitheatre Parkway, Mountain View, CA 94043'],
    ]);
    expect(found('地址：四川省成都市武侯区人民南路四段12号6栋2单元301室，')).toEqual([
      ['address', '四川省成都市武侯区人民南路四段12号6栋2单元301室'],
    ]);
    expect(found('货物发往上海市')).toEqual([]);
  });

  it('resolves overlaps so spans never intersect', () => {
    const entities = detectPii('联系人：张伟 13812345678 zhang@x.cn 110105198503121234 6222021234567894');
    for (let i = 1; i < entities.length; i++) expect(entities[i]!.start).toBeGreaterThanOrEqual(entities[i - 1]!.end);
    expect(entities.map((e) => e.type)).toEqual(['person_name', 'phone', 'email', 'national_id', 'bank_account']);
  });

  it('respects the class filter and score threshold', () => {
    expect(detectPii('Dr. Helen Zhao, 13812345678', { classes: ['phone'] }).map((e) => e.type)).toEqual(['phone']);
    expect(detectPii('Dr. Helen Zhao', { minScore: 0.99 })).toEqual([]);
  });
});

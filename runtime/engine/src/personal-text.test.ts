import { describe, expect, it } from 'vitest';
import { findPersonalData } from './personal-text.ts';

/** The pieces of a text the detector finds, with their kinds. */
const found = (text: string) => findPersonalData(text).map((s) => [s.kind, text.slice(s.start, s.end)]);

// 130102199207153839 has a valid GB 11643 check digit; the same number ending 0 does not.
const ID = '130102199207153839';

describe('personal data in free text', () => {
  it('finds a 身份证号 only with a valid check digit and date of birth, not inside a longer run', () => {
    expect(found(`被询问人身份证号${ID}，`)).toEqual([['id', ID]]);
    expect(found('证件号码11010519491231002x')).toEqual([['id', '11010519491231002x']]);
    expect(found('身份证号130102199207153830')).toEqual([]);
    expect(found('身份证号110105194913310029')).toEqual([]);
    expect(found(`账号6222${ID}`)).toEqual([]);
    expect(found(`统一社会信用代码91120116MA05JXQ21D`)).toEqual([]);
  });

  it('finds mainland mobile numbers, written plain, spaced, dashed or with +86, not inside a longer digit run', () => {
    expect(found('联系电话：13812345678。')).toEqual([['phone', '13812345678']]);
    expect(found('手机138 1234 5678，')).toEqual([['phone', '138 1234 5678']]);
    expect(found('电话+86-139-0000-1111')).toEqual([['phone', '+86-139-0000-1111']]);
    expect(found('座机022-12345678，编号213812345678，12345678901')).toEqual([]);
    // Inside an ID number the digits are the ID, not a phone number.
    expect(found(ID)).toEqual([['id', ID]]);
  });

  it('finds addresses: units, then road or village, up to the last number part', () => {
    const addresses = [
      '天津市滨海新区新港街道某某路18号',
      '天津市河西区友谊路某某小区3号楼2单元501室',
      '河北省石家庄市长安区中山东路123号',
      '宁夏回族自治区银川市兴庆区解放西街5号院2单元302室',
      '湖南省衡阳市蒸湘区船山大道18号',
      '河北省保定市某某县某某镇某某村三组',
      '和平区南京路100号',
    ];
    for (const a of addresses) expect(found(`当事人住${a}，现场负责人在场。`), a).toEqual([['address', a]]);
  });

  it('leaves law citations, company names, dates, amounts and document numbers alone', () => {
    const texts = [
      '违反了《中华人民共和国食品安全法》第一百二十四条第一款第三项的规定',
      '天津市滨海新区某某餐饮有限公司',
      '天津市南开区鞍山道餐饮店',
      '2026年3月1日10时30分',
      '罚款人民币50000元，没收违法所得3800元',
      '津滨市监罚〔2026〕12号',
      '天津市滨海新区市场监督管理局',
      '执法人员检查了市场内道路两侧3号摊位',
      '本机关依据《天津市食品安全条例》第二十条作出决定',
      '天津市滨海新区人民法院',
    ];
    for (const t of texts) expect(found(t), t).toEqual([]);
  });

  it('finds each piece in a longer text, in order', () => {
    const text = `问：你的身份证号和电话？答：${ID}，13900001111，住天津市河西区友谊路某某小区3号楼。`;
    expect(found(text)).toEqual([
      ['id', ID],
      ['phone', '13900001111'],
      ['address', '天津市河西区友谊路某某小区3号楼'],
    ]);
  });
});

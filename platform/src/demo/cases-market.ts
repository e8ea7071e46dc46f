/**
 * Demo cases of 区市场监管局 (120116-SCJ): a 普通程序 food case in 调查取证, one waiting
 * for 法制审核, one decided with an issued 行政处罚决定书 and served, and a 简易程序 case closed.
 */
import { act, approveFiling, fillDocument, giveOpinion, openCase, recordFacts } from './moves.ts';
import {
  CATERER,
  COURT,
  FOOD_TRADER,
  RECONSIDERATION_ORGAN,
  SNACK_SHOP,
  SNACK_SHOP_KEEPER_ID,
  SUPERMARKET,
} from './parties.ts';
import type { DemoCase, Desk } from './story.ts';

const UNLICENSED = '120116-SCJ-CF-0001-01';
const LABELS = '120116-SCJ-CF-0003-01';
const LABEL_DEFECT = '120116-SCJ-CF-0004-01';

/** An instant on a story day, Beijing time. */
export const at = (desk: Desk, daysAgo: number, hhmm: string) => `${desk.date(daysAgo)}T${hhmm}:00+08:00`;

/** Circumstances a careful officer records as absent, so the discretion benchmark can decide. */
export const NONE_OF_THE_CIRCUMSTANCES = {
  minorViolation: false,
  noSubjectiveFault: false,
  eliminatedHarm: false,
  coerced: false,
  obstructedEnforcement: false,
  refusedCorrection: false,
  partyPriorPenalties12m: 0,
};

/** The procedural facts of an ordinary case as recorded at the end of the investigation. */
export const PROCEDURE_SO_FAR = {
  complex: false,
  publicInterest: false,
  hearingRequested: false,
};

/** The officer's part of the filing form (立案审批表); the head fills theirs when approving (moves.ts approveFiling). */
export function filingForm(o: {
  source: string;
  sourceDetail?: string;
  discoveredAt: string;
  summary: string;
  officer: string;
  head: string;
}) {
  return {
    caseSource: o.source,
    ...(o.sourceDetail ? { sourceDetail: o.sourceDetail } : {}),
    discoveredAt: o.discoveredAt,
    caseSummary: o.summary,
    officerSignature: o.officer,
  };
}

/** A 普通程序 case of 未取得食品经营许可, in 调查取证 with an inspection record and an inquiry record. */
const investigating: DemoCase = {
  key: 'scj-unlicensed-investigation',
  title: '某某小吃店未取得食品经营许可（调查取证）',
  steps: [
    {
      daysAgo: 13,
      async run(desk, c) {
        const zhang = await desk.as('zhangwei');
        await openCase(zhang, c, {
          matter: UNLICENSED,
          party: SNACK_SHOP,
          violationDate: desk.date(15),
          officers: [desk.userId('zhangwei'), desk.userId('lina')],
        });
        await fillDocument(
          zhang,
          c,
          'case-filing-approval',
          filingForm({
            source: '投诉举报',
            sourceDetail: '12315 平台投诉，登记号 TS1201162026-11-0342',
            discoveredAt: desk.date(14),
            summary:
              '接消费者投诉，反映新港街道某某路12号“某某小吃店”无证经营熟食。经初步核查，该店未取得食品经营许可证即从事熟食制售，涉嫌违反《中华人民共和国食品安全法》第三十五条第一款，符合立案标准，且在行政处罚时效内。',
            officer: '张伟',
            head: '刘敏',
          }),
        );
      },
    },
    { daysAgo: 12, run: async (desk, c) => approveFiling(await desk.as('liumin'), c, '刘敏') },
    {
      daysAgo: 12,
      async run(desk, c) {
        await fillDocument(await desk.as('zhangwei'), c, 'on-site-inspection-record', {
          // 出示执法证件、告知回避: the officers confirm them (never pre-set).
          identityShown: true,
          avoidanceInformed: true,
          startedAt: at(desk, 12, '10:05'),
          endedAt: at(desk, 12, '10:50'),
          place: '天津市滨海新区新港街道某某路12号底商（某某小吃店经营场所）',
          presentPerson: '刘某某',
          presentPersonTitle: '经营者',
          presentPersonPhone: SNACK_SHOP.phone,
          recorder: '李娜',
          findings:
            '执法人员出示执法证件，表明身份，告知申请回避的权利。检查时该店正在营业，操作间内有已加工的卤肉、凉菜等熟食约二十公斤，冷柜内存放预包装饮料若干。经营者刘某某未能出示食品经营许可证，称“正在办理”，经营场所未悬挂许可证。',
          evidenceTaken: [
            { item: '经营场所及在售熟食照片', quantity: '12张', method: '拍照' },
            { item: '执法记录仪视频', quantity: '1段', method: '录像' },
            { item: '进货单据', quantity: '8页', method: '复制' },
          ],
          presentPersonSignature: '刘某某',
          inspectorSignatures: '张伟、李娜',
        });
      },
    },
    {
      daysAgo: 6,
      async run(desk, c) {
        const zhang = await desk.as('zhangwei');
        await fillDocument(zhang, c, 'inquiry-record', {
          identityShown: true,
          rightsInformed: true,
          startedAt: at(desk, 6, '14:00'),
          endedAt: at(desk, 6, '15:10'),
          place: '天津市滨海新区市场监督管理局询问室',
          recorder: '李娜',
          intervieweeName: '刘某某',
          intervieweeGender: '男',
          intervieweeIdNumber: SNACK_SHOP_KEEPER_ID,
          intervieweeWorkplace: '某某小吃店 经营者',
          intervieweePhone: SNACK_SHOP.phone,
          relation: '当事人',
          questionsAndAnswers: [
            '问：我们是滨海新区市场监督管理局的执法人员（出示执法证件），现依法就你店未取得食品经营许可从事食品经营一事进行调查。你有如实回答的义务，也有申请回避的权利，是否申请回避？',
            '答：不申请。',
            '问：你店什么时间开始经营？经营什么？',
            '答：今年8月开始，主要卖卤肉和凉菜。',
            '问：是否取得食品经营许可证？',
            '答：没有，材料还没准备齐。',
            '问：开业以来进货和销售情况如何？',
            '答：都记了账，账本今天带来了。剩下没卖的货大概值三千多元，挣了八百多元。',
          ].join('\n'),
          intervieweeSignature: '刘某某',
          inquirerSignatures: '张伟、李娜',
          recorderSignature: '李娜',
        });
        await recordFacts(zhang, c, { goodsValue: 3200, illegalIncome: 860, cooperated: true, firstViolation: true });
      },
    },
  ],
};

/** A case of food without Chinese labels, investigated and waiting for the legal reviewer. */
const underReview: DemoCase = {
  key: 'scj-labels-legal-review',
  title: '某某食品贸易公司经营无中文标签进口食品（法制审核）',
  steps: [
    {
      daysAgo: 41,
      async run(desk, c) {
        const zhang = await desk.as('zhangwei');
        await openCase(zhang, c, {
          matter: LABELS,
          party: FOOD_TRADER,
          violationDate: desk.date(43),
          officers: [desk.userId('zhangwei'), desk.userId('lina')],
        });
        await fillDocument(
          zhang,
          c,
          'case-filing-approval',
          filingForm({
            source: '双随机抽查',
            discoveredAt: desk.date(42),
            summary:
              '2026年度“双随机、一公开”抽查中发现，当事人仓库存放的进口饼干、糖果共计六个品种无中文标签，涉嫌违反《中华人民共和国食品安全法》第九十七条，符合立案标准。',
            officer: '张伟',
            head: '刘敏',
          }),
        );
      },
    },
    { daysAgo: 40, run: async (desk, c) => approveFiling(await desk.as('liumin'), c, '刘敏') },
    {
      daysAgo: 40,
      async run(desk, c) {
        await fillDocument(await desk.as('zhangwei'), c, 'on-site-inspection-record', {
          // 出示执法证件、告知回避: the officers confirm them (never pre-set).
          identityShown: true,
          avoidanceInformed: true,
          startedAt: at(desk, 40, '09:40'),
          endedAt: at(desk, 40, '11:00'),
          place: '天津市滨海新区塘沽街道某某大街88号当事人仓库',
          presentPerson: '陈某某',
          presentPersonTitle: '法定代表人',
          recorder: '李娜',
          findings:
            '仓库内存放进口预包装饼干、糖果六个品种共计412箱，外包装仅有外文标签，未加贴中文标签；当事人提供了入境货物检验检疫证明和销售台账。',
          evidenceTaken: [
            { item: '无中文标签的进口食品照片', quantity: '18张', method: '拍照' },
            { item: '销售台账', quantity: '23页', method: '复制' },
          ],
          presentPersonSignature: '陈某某',
          inspectorSignatures: '张伟、李娜',
        });
      },
    },
    {
      daysAgo: 34,
      async run(desk, c) {
        await fillDocument(await desk.as('lina'), c, 'inquiry-record', {
          identityShown: true,
          rightsInformed: true,
          startedAt: at(desk, 34, '10:00'),
          endedAt: at(desk, 34, '11:20'),
          place: '天津市滨海新区市场监督管理局询问室',
          recorder: '李娜',
          intervieweeName: '陈某某',
          intervieweeWorkplace: '天津某某食品贸易有限公司 法定代表人',
          relation: '法定代表人或负责人',
          questionsAndAnswers: [
            '问：仓库中的进口饼干、糖果从何处进货？是否加贴中文标签？',
            '答：从上海一家进口商处进的货，对方说中文标签随后寄来，我们就先卖了。',
            '问：已经销售了多少？',
            '答：销售台账都在，货值六千八百元左右，赚了一千二百元。',
          ].join('\n'),
          intervieweeSignature: '陈某某',
          inquirerSignatures: '张伟、李娜',
          recorderSignature: '李娜',
        });
      },
    },
    {
      daysAgo: 6,
      async run(desk, c) {
        const zhang = await desk.as('zhangwei');
        await recordFacts(zhang, c, {
          ...NONE_OF_THE_CIRCUMSTANCES,
          goodsValue: 6800,
          illegalIncome: 1200,
          firstViolation: true,
          harmConsequence: '一般',
          correctedPromptly: true,
          cooperated: true,
          seriousCircumstances: false,
          proposedFine: 20000,
          proposedPenalties: ['fine', 'confiscate-income'],
          ...PROCEDURE_SO_FAR,
        });
        await fillDocument(zhang, c, 'investigation-report', {
          investigationCourse: `${desk.date(40)}，执法人员对当事人仓库进行现场检查，发现无中文标签的进口食品；${desk.date(34)}，询问当事人法定代表人，调取销售台账。`,
          facts:
            '当事人自2026年9月起销售无中文标签的进口饼干、糖果六个品种，货值金额6,800元，违法所得1,200元。当事人已将剩余食品下架封存并加贴中文标签。',
          evidence: [
            { name: '现场检查笔录及照片', kind: '勘验笔录、现场笔录', proves: '当事人经营无中文标签的进口食品' },
            { name: '询问笔录', kind: '当事人的陈述', proves: '进货来源、销售数量和违法所得' },
            { name: '销售台账', kind: '书证', proves: '货值金额和违法所得' },
          ],
          circumstances: '当事人初次违法，积极配合调查，已及时改正。',
          conclusion: '确有应受行政处罚的违法行为，建议给予行政处罚',
          proposedPenalties: ['罚款', '没收违法所得'],
          proposedIncome: 1200,
          officerSignatures: '张伟、李娜',
        });
      },
    },
    { daysAgo: 6, run: async (desk, c) => void (await act(await desk.as('lina'), c, 'finish-investigation')) },
    { daysAgo: 4, run: async (desk, c) => void (await act(await desk.as('zhaolei'), c, 'submit-legal-review')) },
  ],
};

const DECISION_FACTS =
  '当事人自2026年8月起，在未取得食品经营许可证的情况下，在天津市滨海新区塘沽街道某某路206号经营职工食堂，对外提供团体膳食，货值金额8,600元，违法所得2,300元。';
const DECISION_EXPLANATION =
  '当事人货值金额不足一万元，危害后果一般，未及时改正。依照《未取得食品生产经营许可从事食品生产经营活动的裁量基准》（2022年版），适用“一般”裁量阶次，处罚款65,000元至85,000元。当事人积极配合调查，在该阶次内酌定罚款70,000元。';

/** A case taken through 法制审核 and 告知 to an issued 行政处罚决定书, served and being paid. */
const decided: DemoCase = {
  key: 'scj-unlicensed-decided',
  title: '某某餐饮管理公司未取得食品经营许可（已作出处罚决定）',
  steps: [
    {
      daysAgo: 72,
      async run(desk, c) {
        const zhang = await desk.as('zhangwei');
        await openCase(zhang, c, {
          matter: UNLICENSED,
          party: CATERER,
          violationDate: desk.date(74),
          officers: [desk.userId('zhangwei'), desk.userId('lina')],
        });
        await fillDocument(
          zhang,
          c,
          'case-filing-approval',
          filingForm({
            source: '监督检查发现',
            discoveredAt: desk.date(73),
            summary:
              '日常监督检查中发现，当事人在塘沽街道某某路206号经营职工食堂，对外承接团体膳食，未取得食品经营许可证，涉嫌违反《中华人民共和国食品安全法》第三十五条第一款，符合立案标准。',
            officer: '张伟',
            head: '刘敏',
          }),
        );
      },
    },
    { daysAgo: 71, run: async (desk, c) => approveFiling(await desk.as('liumin'), c, '刘敏') },
    {
      daysAgo: 71,
      async run(desk, c) {
        await fillDocument(await desk.as('zhangwei'), c, 'on-site-inspection-record', {
          // 出示执法证件、告知回避: the officers confirm them (never pre-set).
          identityShown: true,
          avoidanceInformed: true,
          startedAt: at(desk, 71, '14:00'),
          endedAt: at(desk, 71, '15:30'),
          place: '天津市滨海新区塘沽街道某某路206号当事人食堂',
          presentPerson: '孙某某',
          presentPersonTitle: '法定代表人',
          recorder: '李娜',
          findings:
            '当事人食堂正在制作午餐，后厨有厨师四名，餐具、原料齐全；当事人未能出示食品经营许可证，提供了与三家单位签订的团体膳食供应合同。',
          evidenceTaken: [
            { item: '后厨及供餐现场照片', quantity: '20张', method: '拍照' },
            { item: '团体膳食供应合同', quantity: '3份', method: '复制' },
          ],
          presentPersonSignature: '孙某某',
          inspectorSignatures: '张伟、李娜',
        });
      },
    },
    {
      daysAgo: 66,
      async run(desk, c) {
        await fillDocument(await desk.as('lina'), c, 'inquiry-record', {
          identityShown: true,
          rightsInformed: true,
          startedAt: at(desk, 66, '09:30'),
          endedAt: at(desk, 66, '10:45'),
          place: '天津市滨海新区市场监督管理局询问室',
          recorder: '李娜',
          intervieweeName: '孙某某',
          intervieweeWorkplace: '天津某某餐饮管理有限公司 法定代表人',
          relation: '法定代表人或负责人',
          questionsAndAnswers: [
            '问：你公司是否取得食品经营许可证？',
            '答：没有，以为只给合作单位供餐不用办证。',
            '问：供餐的数量和收入情况？',
            '答：合同和账目都提供了，库存原料和成品货值八千六百元，利润两千三百元。',
          ].join('\n'),
          intervieweeSignature: '孙某某',
          inquirerSignatures: '张伟、李娜',
          recorderSignature: '李娜',
        });
      },
    },
    {
      daysAgo: 55,
      async run(desk, c) {
        const zhang = await desk.as('zhangwei');
        await recordFacts(zhang, c, {
          ...NONE_OF_THE_CIRCUMSTANCES,
          goodsValue: 8600,
          illegalIncome: 2300,
          firstViolation: false,
          harmConsequence: '一般',
          correctedPromptly: false,
          cooperated: true,
          proposedFine: 70000,
          proposedPenalties: ['fine', 'confiscate-income'],
          ...PROCEDURE_SO_FAR,
        });
        await fillDocument(zhang, c, 'investigation-report', {
          investigationCourse: `${desk.date(71)}现场检查，${desk.date(66)}询问当事人法定代表人，调取供餐合同和账目。`,
          facts: DECISION_FACTS,
          evidence: [
            { name: '现场检查笔录及照片', kind: '勘验笔录、现场笔录', proves: '当事人无证经营食堂' },
            { name: '询问笔录', kind: '当事人的陈述', proves: '经营时间、货值金额和违法所得' },
            { name: '团体膳食供应合同、账目', kind: '书证', proves: '经营规模和违法所得' },
          ],
          circumstances: '当事人积极配合调查，但经责令仍未及时停止经营。',
          discretionExplanation: DECISION_EXPLANATION,
          conclusion: '确有应受行政处罚的违法行为，建议给予行政处罚',
          proposedPenalties: ['罚款', '没收违法所得'],
          proposedIncome: 2300,
          officerSignatures: '张伟、李娜',
        });
      },
    },
    { daysAgo: 55, run: async (desk, c) => void (await act(await desk.as('lina'), c, 'finish-investigation')) },
    { daysAgo: 53, run: async (desk, c) => void (await act(await desk.as('zhaolei'), c, 'submit-legal-review')) },
    {
      daysAgo: 49,
      async run(desk, c) {
        const chen = await desk.as('chenjing');
        // The opinion entered once fills the 法制审核意见书 and passes the case on (审核同意).
        await giveOpinion(
          chen,
          c,
          'agree',
          '滨海新区普通程序行政处罚案件法制审核为必经程序。本案事实清楚，证据确凿，适用《中华人民共和国食品安全法》第一百二十二条第一款正确，拟罚款在裁量基准“一般”阶次幅度内，程序合法，同意承办机构意见。',
          {
            submittingUnit: '区市场监管局执法稽查科',
            reviewGrounds: ['法律法规规定的其他情形'],
            materials: ['情况说明', '拟作出的处罚决定文本', '证据材料', '裁量基准适用说明'],
            reviewerQualification: 'A20161201160087',
          },
        );
      },
    },
    {
      daysAgo: 48,
      async run(desk, c) {
        const zhang = await desk.as('zhangwei');
        await fillDocument(
          zhang,
          c,
          'advance-notice',
          {
            facts: DECISION_FACTS,
            evidenceSummary: '现场检查笔录及照片、询问笔录、团体膳食供应合同及账目。',
            discretionExplanation: DECISION_EXPLANATION,
            proposedPenalties: ['罚款', '没收违法所得'],
            proposedIncome: 2300,
            contact: '张伟',
            contactPhone: '022-65301234',
          },
          zhang,
        );
        // Served in person the same day: the receipt records that the party was told, and when.
        await fillDocument(
          zhang,
          c,
          'notice-service-receipt',
          {
            servedDocuments: ['行政处罚事先告知书'],
            method: '直接送达',
            servedAt: desk.date(48),
            recipientSignature: '当事人负责人',
            serverSignatures: '张伟、李娜',
          },
          zhang,
        );
      },
    },
    { daysAgo: 39, run: async (desk, c) => void (await act(await desk.as('liumin'), c, 'to-decision')) },
    {
      daysAgo: 38,
      async run(desk, c) {
        await fillDocument(
          await desk.as('zhangwei'),
          c,
          'penalty-decision',
          {
            investigationCourse: `本局于${desk.date(73)}在日常监督检查中发现当事人涉嫌未取得食品经营许可从事食品经营活动，经批准于${desk.date(71)}立案调查，依法进行了现场检查、询问调查，经法制审核，并于${desk.date(48)}告知当事人拟作出的行政处罚内容及陈述、申辩的权利。`,
            facts: DECISION_FACTS,
            evidence: [
              { name: '现场检查笔录及照片', proves: '当事人未取得许可经营食堂' },
              { name: '询问笔录', proves: '经营时间、货值金额和违法所得' },
              { name: '团体膳食供应合同、账目', proves: '经营规模和违法所得' },
            ],
            discretionExplanation: DECISION_EXPLANATION,
            penalties: ['罚款', '没收违法所得'],
            confiscatedIncome: 2300,
            paymentAccount: '天津市非税收入电子缴款码（随决定书送达）',
            reconsiderationOrgan: RECONSIDERATION_ORGAN,
            court: COURT,
          },
          await desk.as('liumin'),
        );
        await act(await desk.as('liumin'), c, 'issue-decision');
      },
    },
    {
      daysAgo: 37,
      async run(desk, c) {
        const li = await desk.as('lina');
        await fillDocument(li, c, 'service-receipt', {
          servedDocuments: [{ title: '行政处罚决定书', number: c.documents['penalty-decision']?.number, copies: 1 }],
          method: '直接送达',
          servedAt: at(desk, 37, '10:30'),
          signedBy: '孙某某',
          recipientSignature: '孙某某',
          serverSignatures: '张伟、李娜',
        });
        await act(li, c, 'confirm-service');
      },
    },
  ],
};

/** A 简易程序 case: a warning-level label defect not corrected, fined on the spot, paid and closed. */
const summary: DemoCase = {
  key: 'scj-label-defect-summary',
  title: '某某超市食品标签瑕疵拒不改正（简易程序，已结案）',
  steps: [
    {
      daysAgo: 27,
      async run(desk, c) {
        const zhang = await desk.as('zhangwei');
        await openCase(zhang, c, {
          matter: LABEL_DEFECT,
          workflow: 'penalty-summary',
          party: SUPERMARKET,
          violationDate: desk.date(27),
          officers: [desk.userId('zhangwei'), desk.userId('lina')],
          facts: {
            ...NONE_OF_THE_CIRCUMSTANCES,
            refusedCorrection: true,
            firstViolation: false,
            harmConsequence: '无',
            correctedPromptly: false,
            cooperated: true,
            proposedFine: 500,
            proposedPenalties: ['fine'],
          },
        });
        await fillDocument(zhang, c, 'on-site-inspection-record', {
          // 出示执法证件、告知回避: the officers confirm them (never pre-set).
          identityShown: true,
          avoidanceInformed: true,
          startedAt: at(desk, 27, '09:10'),
          endedAt: at(desk, 27, '09:40'),
          place: '天津市滨海新区杭州道街道某某路35号某某超市',
          presentPerson: '周某某',
          presentPersonTitle: '店长',
          recorder: '李娜',
          findings:
            '货架上在售的散装称重糕点标签生产日期标注不清，与上月检查时责令改正的问题相同，当事人未按期改正。标签瑕疵不影响食品安全且不会对消费者造成误导。',
          presentPersonSignature: '周某某',
          inspectorSignatures: '张伟、李娜',
        });
        await act(zhang, c, 'decide-on-site');
        await fillDocument(
          zhang,
          c,
          'summary-penalty-decision',
          {
            decidedAt: at(desk, 27, '10:00'),
            place: '天津市滨海新区杭州道街道某某路35号',
            violation: '在售散装糕点标签生产日期标注不清，经责令改正后逾期仍未改正。',
            penalty: ['罚款'],
            reconsiderationOrgan: RECONSIDERATION_ORGAN,
            officerSignatures: '张伟、李娜',
            partySignature: '周某某',
          },
          zhang,
        );
        await act(await desk.as('lina'), c, 'deliver-decision');
      },
    },
    { daysAgo: 20, run: async (desk, c) => void (await act(await desk.as('zhaolei'), c, 'close-case')) },
  ],
};

/** The market regulator's demo cases. */
export const MARKET_CASES: readonly DemoCase[] = [investigating, underReview, decided, summary];

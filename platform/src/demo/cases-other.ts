/**
 * Demo cases of other subjects: 区生态环境局 (a VOCs case in 案件审核), 区应急管理局 (a gas
 * alarm case days from its 90-day limit), 区司法局 (a 行政复议 waiting for the respondent's
 * reply) and the development zone's 开发区市场监督管理局 (one in 立案审批, one in 调查取证).
 */
import { at, filingForm, NONE_OF_THE_CIRCUMSTANCES, PROCEDURE_SO_FAR } from './cases-market.ts';
import { act, approveFiling, fillDocument, openCase, recordFacts } from './moves.ts';
import { APPLIANCE_DEALER, APPLICANT, CANTEEN_BRANCH, FURNITURE_FACTORY, RESTAURANT } from './parties.ts';
import type { DemoCase } from './story.ts';

/** 生态环境: paint spraying outside a closed space, investigated and waiting for 案件审核. */
const ecology: DemoCase = {
  key: 'stj-vocs-case-review',
  title: '某某家具制造公司喷漆废气未密闭收集（案件审核）',
  steps: [
    {
      daysAgo: 36,
      async run(desk, c) {
        const ma = await desk.as('machao');
        await openCase(ma, c, {
          matter: '120116-STJ-CF-0003-01',
          party: FURNITURE_FACTORY,
          violationDate: desk.date(37),
          officers: [desk.userId('machao'), desk.userId('huanglei')],
        });
        await fillDocument(
          ma,
          c,
          'case-filing-approval',
          filingForm({
            source: '双随机抽查',
            discoveredAt: desk.date(37),
            summary:
              '双随机抽查发现，当事人喷漆作业在敞开车间进行，未配套废气收集处理设施，车间外异味明显，涉嫌违反《中华人民共和国大气污染防治法》第四十五条，符合立案标准。',
            officer: '马超',
            head: '郭庆',
          }),
        );
      },
    },
    { daysAgo: 35, run: async (desk, c) => approveFiling(await desk.as('guoqing'), c, '郭庆') },
    {
      daysAgo: 35,
      async run(desk, c) {
        await fillDocument(await desk.as('machao'), c, 'on-site-inspection-record', {
          // 出示执法证件、告知回避: the officers confirm them (never pre-set).
          identityShown: true,
          avoidanceInformed: true,
          startedAt: at(desk, 35, '09:30'),
          endedAt: at(desk, 35, '11:10'),
          place: '天津市滨海新区中塘镇某某工业园8号当事人喷漆车间',
          presentPerson: '吴某某',
          presentPersonTitle: '法定代表人',
          recorder: '黄磊',
          findings:
            '当事人喷漆车间东、西两侧大门敞开，两名工人正在对木质家具进行喷漆作业，车间未设置集气罩和废气处理设施，车间外可闻到明显油漆异味。现场使用便携式VOCs检测仪进行了快速检测。',
          evidenceTaken: [
            { item: '喷漆作业现场照片', quantity: '15张', method: '拍照' },
            { item: '执法记录仪视频', quantity: '2段', method: '录像' },
            { item: '便携式检测仪读数记录', quantity: '1份', method: '复制' },
          ],
          presentPersonSignature: '吴某某',
          inspectorSignatures: '马超、黄磊',
        });
      },
    },
    {
      daysAgo: 29,
      async run(desk, c) {
        await fillDocument(await desk.as('huanglei'), c, 'inquiry-record', {
          identityShown: true,
          rightsInformed: true,
          startedAt: at(desk, 29, '14:30'),
          endedAt: at(desk, 29, '15:40'),
          place: '天津市滨海新区生态环境局询问室',
          recorder: '黄磊',
          intervieweeName: '吴某某',
          intervieweeWorkplace: '天津某某家具制造有限公司 法定代表人',
          relation: '法定代表人或负责人',
          questionsAndAnswers: [
            '问：喷漆工序何时开始在敞开车间进行？',
            '答：今年订单多，原来的喷漆房不够用，九月起部分喷漆在大车间做。',
            '问：目前整改情况？',
            '答：已经停用敞开车间喷漆，新喷漆房和活性炭吸附设备已经安装，下周验收。',
          ].join('\n'),
          intervieweeSignature: '吴某某',
          inquirerSignatures: '马超、黄磊',
          recorderSignature: '黄磊',
        });
      },
    },
    {
      daysAgo: 8,
      async run(desk, c) {
        const ma = await desk.as('machao');
        await recordFacts(ma, c, {
          ...NONE_OF_THE_CIRCUMSTANCES,
          firstViolation: true,
          harmConsequence: '一般',
          correctedPromptly: true,
          eliminatedHarm: true,
          cooperated: true,
          sensitiveArea: false,
          proposedFine: 80000,
          proposedPenalties: ['fine'],
          ...PROCEDURE_SO_FAR,
        });
        await fillDocument(ma, c, 'investigation-report', {
          investigationCourse: `${desk.date(35)}现场检查并快速检测，${desk.date(29)}询问当事人法定代表人，核查整改情况。`,
          facts:
            '当事人自2026年9月起在未密闭的车间内进行木质家具喷漆作业，未采取废气收集处理措施，含挥发性有机物废气无组织排放。当事人已停用敞开车间喷漆，新建密闭喷漆房并安装活性炭吸附设施。',
          evidence: [
            { name: '现场检查笔录、照片和视频', kind: '勘验笔录、现场笔录', proves: '在敞开车间喷漆、未采取减排措施' },
            { name: '便携式检测仪读数记录', kind: '电子数据', proves: '车间外VOCs浓度' },
            { name: '询问笔录', kind: '当事人的陈述', proves: '违法行为持续时间和整改情况' },
          ],
          circumstances: '当事人初次违法，积极配合调查，已主动改正并消除危害后果。',
          conclusion: '确有应受行政处罚的违法行为，建议给予行政处罚',
          proposedPenalties: ['罚款'],
          officerSignatures: '马超、黄磊',
        });
      },
    },
    { daysAgo: 7, run: async (desk, c) => void (await act(await desk.as('huanglei'), c, 'finish-investigation')) },
  ],
};

/** 应急管理: a restaurant without a gas alarm, still under investigation with the 90-day limit near. */
const nearDeadline: DemoCase = {
  key: 'yjj-gas-alarm-near-deadline',
  title: '某某酒楼使用燃气未安装可燃气体报警装置（临近办案期限）',
  steps: [
    {
      daysAgo: 84,
      async run(desk, c) {
        const yang = await desk.as('yangfan');
        await openCase(yang, c, {
          matter: '120116-YJJ-CF-0005-01',
          party: RESTAURANT,
          violationDate: desk.date(85),
          officers: [desk.userId('yangfan'), desk.userId('zhuhong')],
        });
        await fillDocument(
          yang,
          c,
          'case-filing-approval',
          filingForm({
            source: '监督检查发现',
            discoveredAt: desk.date(85),
            summary:
              '燃气安全专项检查中发现，当事人后厨使用管道天然气，未安装可燃气体报警装置，涉嫌违反《中华人民共和国安全生产法》第三十六条第四款，符合立案标准。',
            officer: '杨帆',
            head: '何平',
          }),
        );
      },
    },
    { daysAgo: 83, run: async (desk, c) => approveFiling(await desk.as('heping'), c, '何平') },
    {
      daysAgo: 83,
      async run(desk, c) {
        const yang = await desk.as('yangfan');
        await fillDocument(yang, c, 'on-site-inspection-record', {
          // 出示执法证件、告知回避: the officers confirm them (never pre-set).
          identityShown: true,
          avoidanceInformed: true,
          startedAt: at(desk, 83, '10:00'),
          endedAt: at(desk, 83, '10:40'),
          place: '天津市滨海新区汉沽街道某某路66号某某酒楼后厨',
          presentPerson: '郑某某',
          presentPersonTitle: '法定代表人',
          recorder: '朱红',
          findings: '后厨设燃气灶具六台，使用管道天然气，未安装可燃气体报警装置，也未安装燃气紧急切断阀。',
          evidenceTaken: [{ item: '后厨燃气设施照片', quantity: '9张', method: '拍照' }],
          presentPersonSignature: '郑某某',
          inspectorSignatures: '杨帆、朱红',
        });
        await fillDocument(
          yang,
          c,
          'rectification-order',
          {
            discoveredAt: desk.date(85),
            violation: '餐饮场所使用燃气未安装可燃气体报警装置',
            mode: '限期改正',
            deadline: desk.date(76),
            requirements: '在期限内安装可燃气体报警装置并保障其正常使用，改正后书面报告。',
            contact: '杨帆',
            contactPhone: '022-67102345',
            partySignature: '郑某某',
          },
          yang,
        );
      },
    },
    {
      daysAgo: 74,
      async run(desk, c) {
        const zhu = await desk.as('zhuhong');
        await fillDocument(zhu, c, 'inquiry-record', {
          identityShown: true,
          rightsInformed: true,
          startedAt: at(desk, 74, '15:00'),
          endedAt: at(desk, 74, '15:50'),
          place: '天津市滨海新区应急管理局询问室',
          recorder: '朱红',
          intervieweeName: '郑某某',
          intervieweeWorkplace: '天津某某酒楼有限公司 法定代表人',
          relation: '法定代表人或负责人',
          questionsAndAnswers: [
            '问：责令限期改正通知书要求的期限已过，报警装置是否安装？',
            '答：还没有装，厂家说要等货。',
          ].join('\n'),
          intervieweeSignature: '郑某某',
          inquirerSignatures: '杨帆、朱红',
          recorderSignature: '朱红',
        });
        await recordFacts(zhu, c, { refusedCorrection: true, firstViolation: true, harmConsequence: '一般' });
      },
    },
  ],
};

/** 行政复议 (legal affairs): an application against a 城管 penalty, accepted, the copy sent to the respondent. */
const reconsideration: DemoCase = {
  key: 'sfj-reconsideration',
  title: '马某某不服城市管理行政处罚申请行政复议（被申请人答复）',
  steps: [
    {
      daysAgo: 9,
      async run(desk, c) {
        await openCase(await desk.as('zhoujie'), c, {
          matter: 'legal-reconsideration',
          party: APPLICANT,
          facts: {
            respondent: '天津市滨海新区城市管理委员会',
            actType: '行政处罚',
            actNumber: '津滨城管罚〔2026〕0157号',
            knownDate: desk.date(20),
            onSiteAct: false,
            disputedAmount: 5000,
            compensationClaimed: false,
          },
        });
      },
    },
    { daysAgo: 8, run: async (desk, c) => void (await act(await desk.as('zhoujie'), c, 'accept')) },
    { daysAgo: 7, run: async (desk, c) => void (await act(await desk.as('zhoujie'), c, 'send-copy')) },
  ],
};

/** 开发区: substandard electric heaters found by product sampling, the filing form waiting for approval. */
const zoneFiling: DemoCase = {
  key: 'teda-heaters-filing',
  title: '开发区某某电器销售公司销售不合格电暖器（立案审批）',
  steps: [
    {
      daysAgo: 2,
      async run(desk, c) {
        const lin = await desk.as('linfeng');
        await openCase(lin, c, {
          matter: '120116-SCJ-CF-0008-01',
          party: APPLIANCE_DEALER,
          violationDate: desk.date(20),
          officers: [desk.userId('linfeng'), desk.userId('xuli')],
          facts: { goodsValue: 12600 },
        });
        await fillDocument(
          lin,
          c,
          'case-filing-approval',
          filingForm({
            source: '上级机关交办',
            sourceDetail: '天津市市场监督管理局产品质量监督抽查不合格通报（津市监质〔2026〕第某某号）',
            discoveredAt: desk.date(3),
            summary:
              '市局产品质量监督抽查通报，当事人销售的某型号电暖器“对触及带电部件的防护”项目不合格，货值金额约12,600元，涉嫌违反《中华人民共和国产品质量法》第十三条第二款，符合立案标准。',
            officer: '林峰',
            head: '罗军',
          }),
        );
      },
    },
  ],
};

/** 开发区: kitchen staff without health certificates, under investigation. */
const zoneInvestigation: DemoCase = {
  key: 'teda-health-certificates',
  title: '某某餐饮公司开发区分公司安排无健康证明人员从业（调查取证）',
  steps: [
    {
      daysAgo: 21,
      async run(desk, c) {
        const xu = await desk.as('xuli');
        await openCase(xu, c, {
          matter: '120116-SCJ-CF-0006-01',
          party: CANTEEN_BRANCH,
          violationDate: desk.date(22),
          officers: [desk.userId('xuli'), desk.userId('linfeng')],
        });
        await fillDocument(
          xu,
          c,
          'case-filing-approval',
          filingForm({
            source: '投诉举报',
            sourceDetail: '12345 政务服务便民热线转办，工单号 2026112000xx',
            discoveredAt: desk.date(22),
            summary:
              '接热线转办举报，反映当事人后厨人员未办理健康证明。经核查，当事人三名从事接触直接入口食品工作的人员未取得健康证明，涉嫌违反《中华人民共和国食品安全法》第四十五条第二款，符合立案标准。',
            officer: '徐丽',
            head: '罗军',
          }),
        );
      },
    },
    { daysAgo: 20, run: async (desk, c) => approveFiling(await desk.as('luojun'), c, '罗军') },
    {
      daysAgo: 20,
      async run(desk, c) {
        await fillDocument(await desk.as('xuli'), c, 'on-site-inspection-record', {
          // 出示执法证件、告知回避: the officers confirm them (never pre-set).
          identityShown: true,
          avoidanceInformed: true,
          startedAt: at(desk, 20, '11:00'),
          endedAt: at(desk, 20, '11:45'),
          place: '天津经济技术开发区某某路3号当事人后厨',
          presentPerson: '冯某某',
          presentPersonTitle: '分公司负责人',
          recorder: '林峰',
          findings: '后厨在岗人员九名，其中三名从事凉菜制作和分餐的人员不能提供有效健康证明。',
          evidenceTaken: [
            { item: '从业人员健康证明查验记录', quantity: '1份', method: '复制' },
            { item: '后厨现场照片', quantity: '6张', method: '拍照' },
          ],
          presentPersonSignature: '冯某某',
          inspectorSignatures: '徐丽、林峰',
        });
      },
    },
    {
      daysAgo: 13,
      async run(desk, c) {
        const lin = await desk.as('linfeng');
        await fillDocument(lin, c, 'inquiry-record', {
          identityShown: true,
          rightsInformed: true,
          startedAt: at(desk, 13, '09:30'),
          endedAt: at(desk, 13, '10:20'),
          place: '天津经济技术开发区市场监督管理局询问室',
          recorder: '林峰',
          intervieweeName: '冯某某',
          intervieweeWorkplace: '天津某某餐饮有限公司开发区分公司 负责人',
          relation: '法定代表人或负责人',
          questionsAndAnswers: [
            '问：三名员工为何没有健康证明？',
            '答：都是十月新招的，体检预约排到了下个月，先安排上岗了。',
            '问：目前情况？',
            '答：三人已调离接触直接入口食品的岗位，体检已完成，正在等证。',
          ].join('\n'),
          intervieweeSignature: '冯某某',
          inquirerSignatures: '徐丽、林峰',
          recorderSignature: '林峰',
        });
        await recordFacts(lin, c, { firstViolation: true, correctedPromptly: true, cooperated: true });
      },
    },
  ],
};

/** The other subjects' demo cases. */
export const OTHER_CASES: readonly DemoCase[] = [ecology, nearDeadline, reconsideration, zoneFiling, zoneInvestigation];

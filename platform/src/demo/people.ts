/**
 * The demo's users: one or more per national role, in real Binhai subjects of the tj-binhai
 * pack. Officers carry 执法证 numbers (region, year of issue, serial); one officer's
 * certificate has expired, so the demo shows the refusal. Everyone has the same demo password,
 * which meets the password policy and is printed with the table.
 */
import type { NewUser } from '../users.ts';

/** The password of every demo user (printed; a demo database is not for real data). */
export const DEMO_PASSWORD = 'Yifa#Demo2026';

/** A demo user: what `createUser` takes, without the password. */
export type DemoUser = Omit<NewUser, 'password'> & { note?: string };

const valid = (no: string) => ({ certificateNo: no, certificateValidUntil: '2029-12-31' });

/** The demo users, grouped by subject. */
export const DEMO_USERS: readonly DemoUser[] = [
  // 区市场监管局: the full team of a case, from filing to legal review.
  { username: 'zhangwei', displayName: '张伟', orgCode: '120116-SCJ', roles: ['officer'], ...valid('12011620190031') },
  { username: 'lina', displayName: '李娜', orgCode: '120116-SCJ', roles: ['officer'], ...valid('12011620210117') },
  { username: 'zhaolei', displayName: '赵磊', orgCode: '120116-SCJ', roles: ['department-head'] },
  { username: 'liumin', displayName: '刘敏', orgCode: '120116-SCJ', roles: ['agency-head'] },
  {
    username: 'chenjing',
    displayName: '陈静',
    orgCode: '120116-SCJ',
    roles: ['legal-reviewer'],
    legalQualification: true,
    note: '具有法律职业资格',
  },
  {
    username: 'wangfang',
    displayName: '王芳',
    orgCode: '120116-SCJ',
    roles: ['officer'],
    certificateNo: '12011620150046',
    certificateValidUntil: '2025-06-30',
    note: '执法证已过期，办案被拒绝',
  },
  // 区生态环境局, 区应急管理局, 开发区市场监督管理局: officers and the heads their cases wait for.
  { username: 'machao', displayName: '马超', orgCode: '120116-STJ', roles: ['officer'], ...valid('12011620200208') },
  { username: 'huanglei', displayName: '黄磊', orgCode: '120116-STJ', roles: ['officer'], ...valid('12011620220015') },
  { username: 'tangning', displayName: '唐宁', orgCode: '120116-STJ', roles: ['department-head'] },
  { username: 'guoqing', displayName: '郭庆', orgCode: '120116-STJ', roles: ['agency-head'] },
  { username: 'yangfan', displayName: '杨帆', orgCode: '120116-YJJ', roles: ['officer'], ...valid('12011620180152') },
  { username: 'zhuhong', displayName: '朱红', orgCode: '120116-YJJ', roles: ['officer'], ...valid('12011620230087') },
  { username: 'heping', displayName: '何平', orgCode: '120116-YJJ', roles: ['agency-head'] },
  {
    username: 'linfeng',
    displayName: '林峰',
    orgCode: '120116-TEDA-SCJ',
    roles: ['officer'],
    ...valid('12011620200364'),
  },
  { username: 'xuli', displayName: '徐丽', orgCode: '120116-TEDA-SCJ', roles: ['officer'], ...valid('12011620240021') },
  { username: 'luojun', displayName: '罗军', orgCode: '120116-TEDA-SCJ', roles: ['agency-head'] },
  // 区司法局: the supervision centre, legal affairs (行政复议) and the three administrators (三员分立).
  {
    username: 'sunli',
    displayName: '孙丽',
    orgCode: '120116-SFJ',
    roles: ['supervisor'],
    note: '全区只读，个人信息脱敏',
  },
  { username: 'zhoujie', displayName: '周杰', orgCode: '120116-SFJ', roles: ['legal-affairs'] },
  { username: 'sysadmin', displayName: '郑海', orgCode: '120116-SFJ', roles: ['system-admin'] },
  { username: 'secadmin', displayName: '冯雪', orgCode: '120116-SFJ', roles: ['security-admin'] },
  { username: 'auditadmin', displayName: '韩冰', orgCode: '120116-SFJ', roles: ['audit-admin'] },
  // The implementer who builds the region's pack in the studio (/studio); activating a version stays the system administrator's.
  { username: 'implementer', displayName: '唐宇', orgCode: '120116-SFJ', roles: ['implementer'] },
];

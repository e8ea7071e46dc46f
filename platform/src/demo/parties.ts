/**
 * The parties of the demo cases: fictional (names with 某某), with identifiers that pass the
 * check-digit tests, addresses in real Binhai streets' style and phone numbers of the usual form.
 */
import { creditCode, idCardNumber } from './ids.ts';
import type { Party } from './moves.ts';

/** 个体工商户 selling cooked food without a 食品经营许可证. */
export const SNACK_SHOP: Party = {
  kind: 'organisation',
  name: '天津市滨海新区某某小吃店',
  idNumber: creditCode('92', '120116', 'L3K7P2W8'),
  representative: '刘某某',
  address: '天津市滨海新区新港街道某某路12号底商',
  phone: '13820015566',
};

/** The snack shop's keeper, as questioned. */
export const SNACK_SHOP_KEEPER_ID = idCardNumber('120107', '1979-05-16', 31);

/** A food trader with imported sweets lacking Chinese labels. */
export const FOOD_TRADER: Party = {
  kind: 'organisation',
  name: '天津某某食品贸易有限公司',
  idNumber: creditCode('91', '120116', 'MA06R8KD'),
  representative: '陈某某',
  address: '天津市滨海新区塘沽街道某某大街88号',
  phone: '13602218890',
};

/** A catering company running a canteen without a licence. */
export const CATERER: Party = {
  kind: 'organisation',
  name: '天津某某餐饮管理有限公司',
  idNumber: creditCode('91', '120116', 'MA07C2HN'),
  representative: '孙某某',
  address: '天津市滨海新区塘沽街道某某路206号',
  phone: '13702256712',
};

/** A supermarket that did not correct a label defect. */
export const SUPERMARKET: Party = {
  kind: 'organisation',
  name: '天津某某超市有限公司',
  idNumber: creditCode('91', '120116', 'MA05T4LQ'),
  representative: '周某某',
  address: '天津市滨海新区杭州道街道某某路35号',
  phone: '13512290034',
};

/** A furniture factory spraying paint in an open workshop (VOCs). */
export const FURNITURE_FACTORY: Party = {
  kind: 'organisation',
  name: '天津某某家具制造有限公司',
  idNumber: creditCode('91', '120116', 'MA05U9WB'),
  representative: '吴某某',
  address: '天津市滨海新区中塘镇某某工业园8号',
  phone: '13821167340',
};

/** A restaurant using piped gas without a gas alarm. */
export const RESTAURANT: Party = {
  kind: 'organisation',
  name: '天津某某酒楼有限公司',
  idNumber: creditCode('91', '120116', 'MA06K3PX'),
  representative: '郑某某',
  address: '天津市滨海新区汉沽街道某某路66号',
  phone: '13389021457',
};

/** A citizen applying for 行政复议 against a 城管 penalty. */
export const APPLICANT: Party = {
  kind: 'person',
  name: '马某某',
  idNumber: idCardNumber('120107', '1978-09-23', 35),
  address: '天津市滨海新区塘沽街道某某里5号楼2门301',
  phone: '13920087766',
};

/** An appliance dealer in the development zone selling substandard heaters. */
export const APPLIANCE_DEALER: Party = {
  kind: 'organisation',
  name: '天津开发区某某电器销售有限公司',
  idNumber: creditCode('91', '120116', 'MA07H5NE'),
  representative: '钱某某',
  address: '天津经济技术开发区某某街19号',
  phone: '13642098815',
};

/** A canteen branch in the development zone whose kitchen staff lacked health certificates. */
export const CANTEEN_BRANCH: Party = {
  kind: 'organisation',
  name: '天津某某餐饮有限公司开发区分公司',
  idNumber: creditCode('91', '120116', 'MA05Y7RT'),
  representative: '冯某某',
  address: '天津经济技术开发区某某路3号',
  phone: '13752033468',
};

/** Where a party may apply for reconsideration or sue, for the district's decisions. */
export const RECONSIDERATION_ORGAN = '天津市滨海新区人民政府';
export const COURT = '天津市滨海新区人民法院';

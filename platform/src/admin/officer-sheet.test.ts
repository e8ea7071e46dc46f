import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { MAX_OFFICER_ROWS, officerTemplate, readOfficerSheet } from './officer-sheet.ts';

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('the officers’ sheet', () => {
  it('reads the template back filled: the hint row skipped, numbers as typed, a date cell as its day', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await officerTemplate()) as never);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    // Typed into a cell that Excel turned into a number and a date.
    ws.addRow(['chen.jing', '陈静', '120116-SCJ', 'officer', 12011620265001, new Date(Date.UTC(2030, 11, 31)), '是']);
    ws.addRow([]);
    ws.addRow(['liu.yang', ' 刘洋 ']);
    const sheet = await readOfficerSheet(await bytesOf(wb));
    expect(sheet).toEqual({
      ok: true,
      rows: [
        {
          row: 3,
          cells: {
            username: 'chen.jing',
            displayName: '陈静',
            orgCode: '120116-SCJ',
            roles: 'officer',
            certificateNo: '12011620265001',
            validUntil: '2030-12-31',
            legalQualification: '是',
          },
        },
        { row: 5, cells: { username: 'liu.yang', displayName: '刘洋' } },
      ],
    });
  });

  it('finds the headers in either language below a title, in any order', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['某局执法人员名单']);
    ws.addRow(['Roles', 'User name', '机构编码']);
    ws.addRow(['officer', 'chen.jing', '120116-SCJ']);
    const sheet = await readOfficerSheet(await bytesOf(wb));
    expect(sheet).toEqual({
      ok: true,
      rows: [{ row: 3, cells: { roles: 'officer', username: 'chen.jing', orgCode: '120116-SCJ' } }],
    });
  });

  it('says why a file is not a sheet it can read', async () => {
    const notXlsx = await readOfficerSheet(new TextEncoder().encode('用户名,姓名'));
    expect(notXlsx).toMatchObject({ ok: false, problem: { code: 'not-xlsx' } });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['姓名', '机构编码']);
    const noHeader = await readOfficerSheet(await bytesOf(wb));
    expect(noHeader).toMatchObject({ ok: false, problem: { code: 'missing-header' } });
    const big = new ExcelJS.Workbook();
    const ws = big.addWorksheet('x');
    ws.addRow(['用户名']);
    for (let i = 0; i <= MAX_OFFICER_ROWS; i++) ws.addRow([`user.${i}`]);
    const tooMany = await readOfficerSheet(await bytesOf(big));
    expect(tooMany).toMatchObject({ ok: false, problem: { code: 'too-many-rows' } });
  });
});

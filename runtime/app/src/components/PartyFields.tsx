/**
 * The party of a case: a person (居民身份证号, GB 11643 check digit) or an organisation
 * (统一社会信用代码, GB 32100 check character), checked as it is typed with the engine's checks,
 * the same the server applies.
 */
import { checkCreditCode, checkIdCardNumber } from '@yifa/engine';
import { Col, Form, Input, Radio, Row } from 'antd';
import { useT } from '../i18n.tsx';
import { useIsPhone } from '../use-phone.ts';

/** The party form items, under `party`. */
export function PartyFields() {
  const { t, pick } = useT();
  const phone = useIsPhone();
  const kind = Form.useWatch(['party', 'kind']) as 'person' | 'organisation' | undefined;
  const span = phone ? 24 : 12;
  return (
    <Row gutter={12}>
      <Col span={24}>
        <Form.Item
          name={['party', 'kind']}
          label={t('party.kind')}
          initialValue="organisation"
          rules={[{ required: true }]}
        >
          <Radio.Group
            optionType="button"
            options={[
              { value: 'organisation', label: t('party.organisation') },
              { value: 'person', label: t('party.person') },
            ]}
          />
        </Form.Item>
      </Col>
      <Col span={span}>
        <Form.Item
          name={['party', 'name']}
          label={kind === 'person' ? t('party.personName') : t('party.orgName')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col span={span}>
        <Form.Item
          name={['party', 'idNumber']}
          label={kind === 'person' ? t('party.idCard') : t('party.creditCode')}
          dependencies={[['party', 'kind']]}
          validateTrigger={['onChange', 'onBlur']}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            {
              validator: async (_, v: string | undefined) => {
                if (!v) return;
                const problem = kind === 'person' ? checkIdCardNumber(v) : checkCreditCode(v);
                if (problem) throw new Error(pick(problem));
              },
            },
          ]}
        >
          <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      </Col>
      {kind !== 'person' && (
        <Col span={span}>
          <Form.Item name={['party', 'representative']} label={t('party.representative')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      )}
      <Col span={span}>
        <Form.Item
          name={['party', 'phone']}
          label={t('party.phone')}
          rules={[{ pattern: /^[0-9+\-() ]{3,30}$/, message: t('party.phoneInvalid') }]}
        >
          <Input maxLength={30} inputMode="tel" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name={['party', 'address']} label={t('party.address')}>
          <Input maxLength={300} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/**
 * The cases linked to this one, beside its overview: the case it concerns (a 复议 or 应诉 case's
 * decision case) and the cases that concern it, each with the relation in words, its matter and
 * state, and a link to it when the user may read it (the server gives its id only then). Those who
 * handle the case link it to another, or remove a link made in error, each with a reason.
 */
import { App, Button, Card, Empty, Flex, Form, Input, List, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api.ts';
import { useT } from '../i18n.tsx';
import { Link } from '../router.tsx';
import type { CaseDetail, LinkView } from '../types.ts';
import { useSubmit } from '../use-submit.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

/** Props of LinkedCases. */
export interface LinkedCasesProps {
  detail: CaseDetail;
  /** Whether the user handles the case (and it is open): they may link and unlink. */
  canEdit: boolean;
  onSaved: () => void;
}

type Relation = 'concerns' | 'concernedBy';

/** One linked case: the relation, its number (a link when readable), matter and state. */
function LinkRow({ link, relation }: { link: LinkView; relation: Relation }) {
  const { t, name } = useT();
  return (
    <List.Item data-testid="linked-case" data-relation={relation} data-number={link.number}>
      <Flex wrap gap={8} align="center">
        <Tag color={relation === 'concerns' ? 'blue' : 'purple'}>{t(`links.${relation}`)}</Tag>
        {link.id ? (
          <Link to={`/cases/${link.id}`}>
            <span lang="zh-CN">{link.number}</span>
          </Link>
        ) : (
          <span title={t('links.notReadable')}>
            <span lang="zh-CN">{link.number}</span>{' '}
            <Typography.Text type="secondary">{t('links.notReadable')}</Typography.Text>
          </span>
        )}
        <span>{name(link.matter.name, link.matter.nameEn)}</span>
        <Tag>{name(link.state.name, link.state.nameEn)}</Tag>
        {link.closed && <Tag>{t('links.closed')}</Tag>}
      </Flex>
    </List.Item>
  );
}

/** The linked-cases card of a case. */
export function LinkedCases({ detail, canEdit, onSaved }: LinkedCasesProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<'add' | 'remove' | null>(null);
  const [form] = Form.useForm<{ linkedCase?: string; reason: string }>();
  const { busy, error, setError, submit } = useSubmit();
  const rows: { link: LinkView; relation: Relation }[] = [
    ...(detail.linkedCase ? [{ link: detail.linkedCase, relation: 'concerns' as const }] : []),
    ...detail.linkedFrom.map((link) => ({ link, relation: 'concernedBy' as const })),
  ];

  const close = () => {
    setDialog(null);
    setError(null);
    form.resetFields();
  };
  const save = async (v: { linkedCase?: string; reason: string }) => {
    await submit(async () => {
      const path = `/cases/${detail.id}/linked-case`;
      if (dialog === 'add')
        await api.put(path, { linkedCase: v.linkedCase?.trim(), reason: v.reason.trim(), version: detail.version });
      else await api.delete(path, { reason: v.reason.trim(), version: detail.version });
      message.success(t('common.saved'));
      close();
      onSaved();
    });
  };

  return (
    <Card
      size="small"
      title={t('links.title')}
      data-testid="linked-cases"
      style={{ marginTop: 16 }}
      extra={
        canEdit &&
        (detail.linkedCase ? (
          <Button size="small" onClick={() => setDialog('remove')} data-testid="link-remove">
            {t('links.remove')}
          </Button>
        ) : (
          <Button size="small" onClick={() => setDialog('add')} data-testid="link-add">
            {t('links.add')}
          </Button>
        ))
      }
    >
      {rows.length ? (
        <List size="small" dataSource={rows} renderItem={(r) => <LinkRow link={r.link} relation={r.relation} />} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('links.none')} />
      )}
      <Modal
        open={dialog !== null}
        title={dialog === 'remove' ? t('links.remove') : t('links.add')}
        onCancel={close}
        onOk={() => form.submit()}
        okText={t('links.confirm')}
        okButtonProps={{ loading: busy, 'data-testid': 'link-confirm' } as never}
        destroyOnHidden
      >
        <ErrorAlert error={error} onClose={() => setError(null)} />
        <Form form={form} layout="vertical" onFinish={save} preserve={false}>
          {dialog === 'add' && (
            <Form.Item
              name="linkedCase"
              label={t('links.number')}
              extra={t('links.numberHint')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }]}
            >
              <Input data-testid="link-number" maxLength={100} />
            </Form.Item>
          )}
          {dialog === 'remove' && detail.linkedCase && (
            <p>{t('links.removeWhat', { number: detail.linkedCase.number })}</p>
          )}
          <Form.Item
            name="reason"
            label={t('links.reason')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input.TextArea data-testid="link-reason" autoSize={{ minRows: 2 }} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

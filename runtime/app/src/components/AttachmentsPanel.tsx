/**
 * Evidence of the case (证据材料): photos taken on the spot or files uploaded, each stored by
 * its SHA-256 hash, which is shown so it can be checked against the copy in the case file.
 */
import { CameraOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Image, List, Space, Typography, Upload } from 'antd';
import { api, apiUrl } from '../api.ts';
import { dateTime, size } from '../format.ts';
import { useT } from '../i18n.tsx';
import type { AttachmentView } from '../types.ts';
import { useSubmit } from '../use-submit.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

/** Props of AttachmentsPanel. */
export interface AttachmentsPanelProps {
  caseId: string;
  attachments: AttachmentView[];
  canUpload: boolean;
  onUploaded: (a: AttachmentView) => void;
  /** Offer the camera first (on-site, on a phone). */
  camera?: boolean;
  note?: string;
}

const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf,video/mp4,audio/mpeg';

/** The evidence panel. */
export function AttachmentsPanel({
  caseId,
  attachments,
  canUpload,
  onUploaded,
  camera = false,
  note,
}: AttachmentsPanelProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const { busy, error, setError, submit } = useSubmit();

  const upload = async (file: File) => {
    await submit(async () => {
      const q = new URLSearchParams({ filename: file.name, ...(note ? { note } : {}) });
      const created = await api.post<AttachmentView>(`/cases/${caseId}/attachments?${q}`, file);
      message.success(t('evidence.uploaded'));
      onUploaded(created);
    });
  };

  return (
    <div data-testid="attachments">
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {canUpload && (
        <Upload
          accept={camera ? 'image/*' : ACCEPT}
          capture={camera ? 'environment' : undefined}
          showUploadList={false}
          multiple
          customRequest={({ file }) => void upload(file as File)}
        >
          <Button
            icon={camera ? <CameraOutlined /> : <UploadOutlined />}
            loading={busy}
            type={camera ? 'primary' : 'default'}
            block={camera}
            data-testid="upload"
          >
            {camera ? t('evidence.takePhoto') : t('evidence.upload')}
          </Button>
        </Upload>
      )}
      <List
        size="small"
        dataSource={attachments}
        locale={{ emptyText: t('evidence.none') }}
        renderItem={(a) => (
          <List.Item data-testid="attachment" data-sha256={a.sha256}>
            <Space align="start" style={{ width: '100%' }}>
              {a.mime.startsWith('image/') ? (
                <Image
                  src={apiUrl(`/attachments/${a.id}`)}
                  width={64}
                  height={64}
                  style={{ objectFit: 'cover', borderRadius: 4 }}
                  alt={a.filename}
                />
              ) : (
                <div
                  style={{
                    width: 64,
                    height: 64,
                    background: '#f0f0f0',
                    display: 'flex',
                    alignItems: 'center',
                    justifyContent: 'center',
                    borderRadius: 4,
                    fontSize: 12,
                  }}
                >
                  {a.mime.split('/')[1]?.toUpperCase()}
                </div>
              )}
              <div style={{ minWidth: 0 }}>
                <a href={apiUrl(`/attachments/${a.id}`)} download={a.filename}>
                  {a.filename}
                </a>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {size(a.size)} · {dateTime(a.uploadedAt)}
                  </Typography.Text>
                </div>
                <Typography.Text
                  code
                  copyable={{ text: a.sha256 }}
                  style={{ fontSize: 11, wordBreak: 'break-all' }}
                  data-testid="sha256"
                >
                  SHA-256 {a.sha256}
                </Typography.Text>
              </div>
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}
